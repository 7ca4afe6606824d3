package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryPeerRegistryTests {

	private static final Duration LEASE = Duration.ofSeconds(15);

	private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private final InMemoryPeerRegistry registry = new InMemoryPeerRegistry(this.clock, LEASE);

	private final List<PeerEvent> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void listen() {
		this.registry.addListener(this.events::add);
	}

	@Test
	void registerWhenNewReturnsRecordTokenAndPublishesJoined() {
		Registration registration = this.registry.register("p1", "alice", "http://a:1", "key-p1");

		assertThat(registration.peer().username()).isEqualTo("alice");
		assertThat(registration.peer().registeredAt()).isEqualTo(this.clock.instant());
		assertThat(registration.leaseToken()).matches("[A-Za-z0-9_-]{43}");
		assertThat(registration.lease()).isEqualTo(LEASE);
		assertThat(registration.toString()).doesNotContain(registration.leaseToken());
		assertThat(this.events).singleElement().isEqualTo(new PeerEvent.Joined(1, registration.peer()));
	}

	@Test
	void registerGivesEveryPeerAnotherToken() {
		String first = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		String second = this.registry.register("p2", "bob", "http://b:1", "key-p2").leaseToken();

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void registerWhenNameTakenInOtherCaseThrowsNameTaken() {
		this.registry.register("p1", "Alice", "http://a:1", "key-p1");

		assertThatThrownBy(() -> this.registry.register("p2", "aLICE", "http://b:1", "key-p2"))
			.isInstanceOf(NameTakenException.class);
		assertThat(this.registry.list().peers()).extracting(Peer::peerId).containsExactly("p1");
	}

	@Test
	void registerWhenSamePeerIdAndUrlReplacesRecordWithNewToken() {
		Registration first = this.registry.register("p1", "alice", "http://a:1", "key-p1");
		this.clock.advance(Duration.ofSeconds(3));

		Registration again = this.registry.register("p1", "alicia", "http://a:1", "key-p1");

		assertThat(again.leaseToken()).isNotEqualTo(first.leaseToken());
		assertThat(again.peer().registeredAt()).isEqualTo(this.clock.instant());
		assertThat(this.registry.list().peers()).containsExactly(again.peer());
		assertThatThrownBy(() -> this.registry.renew("p1", first.leaseToken()))
			.isInstanceOf(InvalidTokenException.class);
		assertThat(this.registry.register("p2", "alice", "http://b:1", "key-p2").peer().username()).isEqualTo("alice");
	}

	@Test
	void registerWhenNameHolderExpiredButNotSweptSucceeds() {
		this.registry.register("p1", "alice", "http://a:1", "key-p1");
		this.clock.advance(LEASE);

		Registration registration = this.registry.register("p2", "ALICE", "http://b:1", "key-p2");

		assertThat(registration.peer().username()).isEqualTo("ALICE");
		assertThat(this.events).extracting(PeerEvent::getClass)
			.containsExactly(PeerEvent.Joined.class, PeerEvent.Left.class, PeerEvent.Joined.class);
		assertThat(((PeerEvent.Left) this.events.get(1)).reason()).isEqualTo(PeerEvent.Reason.EXPIRED);
	}

	@Test
	void listIsSortedByUsernameWithoutRegardToCase() {
		this.registry.register("p1", "carol", "http://c:1", "key-p1");
		this.registry.register("p2", "Bob", "http://b:1", "key-p2");
		this.registry.register("p3", "alice", "http://a:1", "key-p3");

		assertThat(this.registry.list().peers()).extracting(Peer::username).containsExactly("alice", "Bob", "carol");
	}

	@Test
	void listIsComputedOncePerVersion() {
		this.registry.register("p1", "alice", "http://a:1", "key-p1");

		PeerList first = this.registry.list();

		assertThat(this.registry.list()).isSameAs(first);
		this.registry.register("p2", "bob", "http://b:1", "key-p2");
		assertThat(this.registry.list()).isNotSameAs(first);
		assertThat(this.registry.list().version()).isGreaterThan(first.version());
	}

	@Test
	void renewWhenTokenMatchesMovesRenewedAtAndVersionButPublishesNothing() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		long version = this.registry.list().version();
		this.clock.advance(Duration.ofSeconds(10));

		Peer renewed = this.registry.renew("p1", token);

		assertThat(renewed.renewedAt()).isEqualTo(this.clock.instant());
		assertThat(this.registry.list().version()).isGreaterThan(version);
		assertThat(this.events).hasSize(1);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.registry.find("p1")).contains(renewed);
	}

	@Test
	void renewWhenTokenWrongThrowsInvalidToken() {
		this.registry.register("p1", "alice", "http://a:1", "key-p1");

		assertThatThrownBy(() -> this.registry.renew("p1", "not-the-token")).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void renewWhenUnknownOrExpiredThrowsNotFound() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		this.clock.advance(LEASE);

		assertThatThrownBy(() -> this.registry.renew("p1", token)).isInstanceOf(PeerNotFoundException.class);
		assertThatThrownBy(() -> this.registry.renew("nobody", token)).isInstanceOf(PeerNotFoundException.class);
		assertThat(this.events).last().isInstanceOf(PeerEvent.Left.class);
	}

	@Test
	void findWhenExpiredIsEmpty() {
		this.registry.register("p1", "alice", "http://a:1", "key-p1");
		this.clock.advance(LEASE.minusMillis(1));
		assertThat(this.registry.find("p1")).isPresent();

		this.clock.advance(Duration.ofMillis(1));

		assertThat(this.registry.find("p1")).isEmpty();
	}

	@Test
	void renameWhenFreeChangesNameFreesOldOneAndPublishesRenamed() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();

		Peer renamed = this.registry.rename("p1", token, "alicia");

		assertThat(renamed.username()).isEqualTo("alicia");
		assertThat(this.events).last().isEqualTo(new PeerEvent.Renamed(2, renamed, "alice"));
		assertThat(this.registry.register("p2", "ALICE", "http://b:1", "key-p2").peer().username()).isEqualTo("ALICE");
	}

	@Test
	void renameWhenOnlyCaseChangesIsARename() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();

		Peer renamed = this.registry.rename("p1", token, "Alice");

		assertThat(renamed.username()).isEqualTo("Alice");
		assertThat(this.events).last().isInstanceOf(PeerEvent.Renamed.class);
	}

	@Test
	void renameWhenSameNameChangesNothing() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();

		this.registry.rename("p1", token, "alice");

		assertThat(this.events).hasSize(1);
	}

	@Test
	void renameWhenTakenThrowsAndKeepsOldName() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		this.registry.register("p2", "bob", "http://b:1", "key-p2");

		assertThatThrownBy(() -> this.registry.rename("p1", token, "BOB")).isInstanceOf(NameTakenException.class);
		assertThat(this.registry.find("p1")).map(Peer::username).contains("alice");
	}

	@Test
	void removeWhenTokenMatchesPublishesLeftDeleted() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();

		Peer removed = this.registry.remove("p1", token);

		assertThat(this.registry.find("p1")).isEmpty();
		assertThat(this.events).last().isEqualTo(new PeerEvent.Left(2, removed, PeerEvent.Reason.DELETED));
	}

	@Test
	void removeWhenTokenWrongKeepsPeer() {
		this.registry.register("p1", "alice", "http://a:1", "key-p1");

		assertThatThrownBy(() -> this.registry.remove("p1", "x")).isInstanceOf(InvalidTokenException.class);
		assertThat(this.registry.find("p1")).isPresent();
	}

	@Test
	void expireDueRemovesOnlyPeersPastTheirLease() {
		this.registry.register("p1", "alice", "http://a:1", "key-p1");
		String bobToken = this.registry.register("p2", "bob", "http://b:1", "key-p2").leaseToken();
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.renew("p2", bobToken);
		this.clock.advance(Duration.ofSeconds(5));

		int expired = this.registry.expireDue();

		assertThat(expired).isEqualTo(1);
		assertThat(this.registry.list().peers()).extracting(Peer::peerId).containsExactly("p2");
		assertThat(this.events).last()
			.isInstanceOfSatisfying(PeerEvent.Left.class,
					(left) -> assertThat(left.reason()).isEqualTo(PeerEvent.Reason.EXPIRED));
	}

	@Test
	void eventSequencesIncreaseAndMatchListVersions() {
		String token = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		this.registry.renew("p1", token);
		this.registry.rename("p1", token, "alicia");
		this.registry.remove("p1", token);

		assertThat(this.events).extracting(PeerEvent::sequence).containsExactly(1L, 3L, 4L);
		assertThat(this.registry.list().version()).isEqualTo(4);
	}

	@Test
	void listenerThatThrowsDoesNotBreakRegistryOrOtherListeners() {
		List<PeerEvent> seen = new CopyOnWriteArrayList<>();
		this.registry.addListener((event) -> {
			throw new IllegalStateException("boom");
		});
		this.registry.addListener(seen::add);

		this.registry.register("p1", "alice", "http://a:1", "key-p1");

		assertThat(seen).hasSize(1);
	}

	@Test
	void constructorWhenLeaseNotPositiveThrows() {
		assertThatThrownBy(() -> new InMemoryPeerRegistry(this.clock, Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
