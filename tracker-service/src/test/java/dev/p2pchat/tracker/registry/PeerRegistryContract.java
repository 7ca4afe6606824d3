package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link PeerRegistry} promises, run against each implementation by a
 * subclass. Events may be delivered on another thread (Redis pub/sub), so assertions on
 * them wait; a second "replica" on the same store is used where sharing matters.
 */
abstract class PeerRegistryContract {

	static final Duration LEASE = Duration.ofSeconds(15);

	static final Duration WAIT = Duration.ofSeconds(5);

	static final String KEY = "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik";

	final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	final List<PeerEvent> events = new CopyOnWriteArrayList<>();

	PeerRegistry registry;

	/** A registry on a fresh, empty store, following its events. */
	abstract PeerRegistry newRegistry(MutableClock clock);

	/** Another replica on the store of {@link #registry} (the same object in memory). */
	abstract PeerRegistry secondReplica(MutableClock clock);

	abstract void close(PeerRegistry registry);

	@BeforeEach
	void openRegistry() {
		this.registry = newRegistry(this.clock);
		this.registry.addListener(this.events::add);
	}

	@AfterEach
	void closeRegistry() {
		close(this.registry);
	}

	@Test
	void registerWhenNewReturnsRecordTokenAndPublishesJoined() {
		Registration registration = this.registry.register("p1", "alice", "http://a:1", KEY);

		assertThat(registration.peer().username()).isEqualTo("alice");
		assertThat(registration.peer().publicKey()).isEqualTo(KEY);
		assertThat(registration.peer().registeredAt()).isEqualTo(this.clock.instant());
		assertThat(registration.leaseToken()).matches("[A-Za-z0-9_-]{43}");
		assertThat(registration.lease()).isEqualTo(LEASE);
		awaitEvents(1);
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(PeerEvent.Joined.class,
					(joined) -> assertThat(joined.peer()).isEqualTo(registration.peer()));
		assertThat(this.registry.find("p1")).contains(registration.peer());
		assertThat(this.registry.list().peers()).containsExactly(registration.peer());
	}

	@Test
	void registerWhenNotReachableKeepsItThroughRenewalRenameAndEvents() {
		Registration registration = this.registry.register("p1", "alice", "http://a:1", KEY, false);
		this.registry.register("p2", "bob", "http://b:1", KEY.replace('O', 'P'));

		this.registry.renew("p1", registration.leaseToken());
		this.registry.rename("p1", registration.leaseToken(), "alicia");

		assertThat(registration.peer().reachable()).isFalse();
		assertThat(this.registry.find("p1")).hasValueSatisfying((peer) -> assertThat(peer.reachable()).isFalse());
		assertThat(this.registry.find("p2")).hasValueSatisfying((peer) -> assertThat(peer.reachable()).isTrue());
		assertThat(this.registry.list().peers()).extracting(Peer::peerId, Peer::reachable)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("p1", false),
					org.assertj.core.groups.Tuple.tuple("p2", true));
		awaitEvents(3);
		assertThat(this.events).filteredOn((event) -> event.peer().peerId().equals("p1"))
			.allSatisfy((event) -> assertThat(event.peer().reachable()).isFalse());
	}

	@Test
	void registerWhenNameTakenInOtherCaseThrowsNameTaken() {
		this.registry.register("p1", "Alice", "http://a:1", KEY);

		assertThatThrownBy(() -> this.registry.register("p2", "aLICE", "http://b:1", KEY))
			.isInstanceOf(NameTakenException.class);
		assertThat(this.registry.list().peers()).extracting(Peer::peerId).containsExactly("p1");
	}

	@Test
	void registerWhenSamePeerIdAndUrlReplacesRecordWithNewToken() {
		Registration first = this.registry.register("p1", "alice", "http://a:1", KEY);
		this.clock.advance(Duration.ofSeconds(3));

		Registration again = this.registry.register("p1", "alicia", "http://a:1", KEY);

		assertThat(again.leaseToken()).isNotEqualTo(first.leaseToken());
		assertThat(again.peer().registeredAt()).isEqualTo(this.clock.instant());
		assertThat(this.registry.list().peers()).containsExactly(again.peer());
		assertThatThrownBy(() -> this.registry.renew("p1", first.leaseToken()))
			.isInstanceOf(InvalidTokenException.class);
		assertThat(this.registry.register("p2", "alice", "http://b:1", KEY).peer().username()).isEqualTo("alice");
	}

	@Test
	void registerWhenNameHolderExpiredButNotSweptSucceedsAfterItsLeft() {
		this.registry.register("p1", "alice", "http://a:1", KEY);
		this.clock.advance(LEASE);

		Registration registration = this.registry.register("p2", "ALICE", "http://b:1", KEY);

		assertThat(registration.peer().username()).isEqualTo("ALICE");
		awaitEvents(3);
		assertThat(this.events).extracting(PeerEvent::getClass)
			.containsExactly(PeerEvent.Joined.class, PeerEvent.Left.class, PeerEvent.Joined.class);
		assertThat(((PeerEvent.Left) this.events.get(1)).reason()).isEqualTo(PeerEvent.Reason.EXPIRED);
	}

	@Test
	void listIsSortedByUsernameWithoutRegardToCase() {
		this.registry.register("p1", "carol", "http://c:1", KEY);
		this.registry.register("p2", "Bob", "http://b:1", KEY);
		this.registry.register("p3", "alice", "http://a:1", KEY);

		assertThat(this.registry.list().peers()).extracting(Peer::username).containsExactly("alice", "Bob", "carol");
	}

	@Test
	void listIsComputedOncePerVersion() {
		this.registry.register("p1", "alice", "http://a:1", KEY);

		await().atMost(WAIT).untilAsserted(() -> assertThat(this.registry.list()).isSameAs(this.registry.list()));
		PeerList first = this.registry.list();
		this.registry.register("p2", "bob", "http://b:1", KEY);
		assertThat(this.registry.list()).isNotSameAs(first);
		assertThat(this.registry.list().version()).isGreaterThan(first.version());
	}

	@Test
	void renewWhenTokenMatchesMovesRenewedAtAndVersionButPublishesNothing() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();
		long version = this.registry.list().version();
		this.clock.advance(Duration.ofSeconds(10));

		Peer renewed = this.registry.renew("p1", token);

		assertThat(renewed.renewedAt()).isEqualTo(this.clock.instant());
		assertThat(this.registry.list().version()).isGreaterThan(version);
		assertThat(this.registry.list().peers()).containsExactly(renewed);
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.registry.find("p1")).contains(renewed);
		awaitEvents(1);
		assertThat(this.events).hasSize(1);
	}

	@Test
	void renewWhenTokenWrongThrowsInvalidToken() {
		this.registry.register("p1", "alice", "http://a:1", KEY);

		assertThatThrownBy(() -> this.registry.renew("p1", "not-the-token")).isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void renewWhenUnknownOrExpiredThrowsNotFoundAndTheExpiredOneLeaves() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();
		this.clock.advance(LEASE);

		assertThatThrownBy(() -> this.registry.renew("p1", token)).isInstanceOf(PeerNotFoundException.class);
		assertThatThrownBy(() -> this.registry.renew("nobody", token)).isInstanceOf(PeerNotFoundException.class);
		awaitEvents(2);
		assertThat(this.events).last().isInstanceOf(PeerEvent.Left.class);
	}

	@Test
	void findWhenExpiredIsEmpty() {
		this.registry.register("p1", "alice", "http://a:1", KEY);
		this.clock.advance(LEASE.minusMillis(1));
		assertThat(this.registry.find("p1")).isPresent();

		this.clock.advance(Duration.ofMillis(1));

		assertThat(this.registry.find("p1")).isEmpty();
		assertThat(this.registry.find("nobody")).isEmpty();
	}

	@Test
	void renameWhenFreeChangesNameFreesOldOneAndPublishesRenamed() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();

		Peer renamed = this.registry.rename("p1", token, "alicia");

		assertThat(renamed.username()).isEqualTo("alicia");
		awaitEvents(2);
		assertThat(this.events).last().isInstanceOfSatisfying(PeerEvent.Renamed.class, (event) -> {
			assertThat(event.peer()).isEqualTo(renamed);
			assertThat(event.previousUsername()).isEqualTo("alice");
		});
		assertThat(this.registry.register("p2", "ALICE", "http://b:1", KEY).peer().username()).isEqualTo("ALICE");
	}

	@Test
	void renameWhenOnlyCaseChangesIsARename() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();

		Peer renamed = this.registry.rename("p1", token, "Alice");

		assertThat(renamed.username()).isEqualTo("Alice");
		awaitEvents(2);
		assertThat(this.events).last().isInstanceOf(PeerEvent.Renamed.class);
		assertThatThrownBy(() -> this.registry.register("p2", "ALICE", "http://b:1", KEY))
			.isInstanceOf(NameTakenException.class);
	}

	@Test
	void renameWhenSameNameChangesNothing() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();
		long version = this.registry.list().version();

		assertThat(this.registry.rename("p1", token, "alice").username()).isEqualTo("alice");

		assertThat(this.registry.list().version()).isEqualTo(version);
		awaitEvents(1);
		assertThat(this.events).hasSize(1);
	}

	@Test
	void renameWhenTakenThrowsAndKeepsOldName() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();
		this.registry.register("p2", "bob", "http://b:1", KEY);

		assertThatThrownBy(() -> this.registry.rename("p1", token, "BOB")).isInstanceOf(NameTakenException.class);
		assertThat(this.registry.find("p1")).map(Peer::username).contains("alice");
	}

	@Test
	void renameOrRemoveWhenTokenWrongOrPeerUnknownThrows() {
		this.registry.register("p1", "alice", "http://a:1", KEY);

		assertThatThrownBy(() -> this.registry.rename("p1", "x", "eve")).isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> this.registry.remove("p1", "x")).isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> this.registry.rename("nobody", "x", "eve")).isInstanceOf(PeerNotFoundException.class);
		assertThatThrownBy(() -> this.registry.remove("nobody", "x")).isInstanceOf(PeerNotFoundException.class);
		assertThat(this.registry.find("p1")).map(Peer::username).contains("alice");
	}

	@Test
	void removeWhenTokenMatchesPublishesLeftDeleted() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();

		Peer removed = this.registry.remove("p1", token);

		assertThat(this.registry.find("p1")).isEmpty();
		assertThat(this.registry.list().peers()).isEmpty();
		awaitEvents(2);
		assertThat(this.events).last().isInstanceOfSatisfying(PeerEvent.Left.class, (left) -> {
			assertThat(left.peer()).isEqualTo(removed);
			assertThat(left.reason()).isEqualTo(PeerEvent.Reason.DELETED);
		});
	}

	@Test
	void expireDueRemovesOnlyPeersPastTheirLease() {
		this.registry.register("p1", "alice", "http://a:1", KEY);
		String bobToken = this.registry.register("p2", "bob", "http://b:1", KEY).leaseToken();
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.renew("p2", bobToken);
		this.clock.advance(Duration.ofSeconds(5));

		int expired = this.registry.expireDue();

		assertThat(expired).isEqualTo(1);
		assertThat(this.registry.list().peers()).extracting(Peer::peerId).containsExactly("p2");
		awaitEvents(3);
		assertThat(this.events).last()
			.isInstanceOfSatisfying(PeerEvent.Left.class,
					(left) -> assertThat(left.reason()).isEqualTo(PeerEvent.Reason.EXPIRED));
	}

	@Test
	void eventSequencesIncreaseAndTheLastMatchesTheListVersion() {
		String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();
		this.registry.renew("p1", token);
		this.registry.rename("p1", token, "alicia");
		this.registry.remove("p1", token);

		awaitEvents(3);
		List<Long> sequences = this.events.stream().map(PeerEvent::sequence).toList();
		assertThat(sequences).isSorted().doesNotHaveDuplicates();
		assertThat(sequences.get(2) - sequences.get(1)).isEqualTo(1);
		assertThat(sequences.get(1) - sequences.get(0)).isEqualTo(2);
		assertThat(this.registry.list().version()).isEqualTo(sequences.getLast());
	}

	@Test
	void listenerThatThrowsDoesNotBreakRegistryOrOtherListeners() {
		List<PeerEvent> seen = new CopyOnWriteArrayList<>();
		this.registry.addListener((event) -> {
			throw new IllegalStateException("boom");
		});
		this.registry.addListener(seen::add);

		this.registry.register("p1", "alice", "http://a:1", KEY);

		await().atMost(WAIT).untilAsserted(() -> assertThat(seen).hasSize(1));
	}

	@Test
	void secondReplicaSeesRenewsRenamesAndRemovesWhatTheFirstRegistered() {
		PeerRegistry other = secondReplica(this.clock);
		try {
			String token = this.registry.register("p1", "alice", "http://a:1", KEY).leaseToken();
			this.clock.advance(Duration.ofSeconds(10));

			assertThat(other.renew("p1", token).renewedAt()).isEqualTo(this.clock.instant());
			this.clock.advance(Duration.ofSeconds(10));
			assertThat(this.registry.find("p1")).isPresent();
			assertThat(other.rename("p1", token, "alicia").username()).isEqualTo("alicia");
			assertThatThrownBy(() -> this.registry.register("p2", "ALICIA", "http://b:1", KEY))
				.isInstanceOf(NameTakenException.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(other.list()).isEqualTo(this.registry.list()));
			other.remove("p1", token);
			await().atMost(WAIT).untilAsserted(() -> assertThat(this.registry.list().peers()).isEmpty());
		}
		finally {
			closeSecond(other);
		}
	}

	@Test
	void expireDueWhenRacedByTwoReplicasEmitsExactlyOneLeftPerPeer() throws Exception {
		PeerRegistry other = secondReplica(this.clock);
		try {
			for (int i = 0; i < 20; i++) {
				this.registry.register("p" + i, "user" + i, "http://h/" + i, KEY);
			}
			this.clock.advance(LEASE);

			List<Integer> dropped = race(2, (i) -> ((i == 0) ? this.registry : other).expireDue());

			assertThat(dropped.get(0) + dropped.get(1)).isEqualTo(20);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.events).filteredOn(PeerEvent.Left.class::isInstance).hasSize(20));
			assertThat(this.events).filteredOn(PeerEvent.Left.class::isInstance)
				.extracting((event) -> event.peer().peerId())
				.doesNotHaveDuplicates();
			assertThat(this.registry.list().peers()).isEmpty();
		}
		finally {
			closeSecond(other);
		}
	}

	@Test
	void registerWhenFiftyRaceForOneNameInManyCasesOnTwoReplicasExactlyOneWins() throws Exception {
		PeerRegistry other = secondReplica(this.clock);
		try {
			List<Integer> won = race(50, (i) -> {
				try {
					((i % 2 == 0) ? this.registry : other).register("p" + i, (i % 3 == 0) ? "Same" : "sAME",
							"http://h/" + i, KEY);
					return 1;
				}
				catch (NameTakenException ex) {
					return 0;
				}
			});

			assertThat(won).containsOnlyOnce(1);
			assertThat(this.registry.list().peers()).hasSize(1);
		}
		finally {
			closeSecond(other);
		}
	}

	@Test
	void renameWhenFiftyRaceForOneNameExactlyOneWins() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			tokens.add(this.registry.register("p" + i, "user" + i, "http://h/" + i, KEY).leaseToken());
		}

		List<Integer> won = race(50, (i) -> {
			try {
				this.registry.rename("p" + i, tokens.get(i), (i % 3 == 0) ? "target" : "TARGET");
				return 1;
			}
			catch (NameTakenException ex) {
				return 0;
			}
		});

		assertThat(won).containsOnlyOnce(1);
		assertThat(this.registry.list().peers()).filteredOn((p) -> p.username().equalsIgnoreCase("target")).hasSize(1);
	}

	void closeSecond(PeerRegistry other) {
		if (other != this.registry) {
			close(other);
		}
	}

	void awaitEvents(int count) {
		await().atMost(WAIT).until(() -> this.events.size() >= count);
		// and nothing more arrives shortly after
		await().pollDelay(Duration.ofMillis(100)).atMost(WAIT).until(() -> true);
	}

	static List<Integer> race(int threads, Attempt attempt) throws Exception {
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			for (int i = 0; i < threads; i++) {
				int index = i;
				results.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return attempt.run(index);
				}));
			}
			List<Integer> outcomes = new ArrayList<>();
			for (Future<Integer> result : results) {
				outcomes.add(result.get(30, TimeUnit.SECONDS));
			}
			return outcomes;
		}
	}

	@FunctionalInterface
	interface Attempt {

		int run(int index);

	}

}
