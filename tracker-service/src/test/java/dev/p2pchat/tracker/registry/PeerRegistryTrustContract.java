package dev.p2pchat.tracker.registry;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trust rules of the {@link PeerRegistry} contract, for every implementation: a live
 * record is replaced only with the same key, the bound on live peers, and
 * {@link PeerRegistry#holdsLiveLease}. An implementation's test extends this class and
 * says how to make an empty registry on a given clock.
 */
public abstract class PeerRegistryTrustContract {

	protected static final Duration LEASE = Duration.ofSeconds(15);

	protected final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	private PeerRegistry registry;

	/**
	 * An empty registry.
	 * @param clock the clock it must use
	 * @param lease its lease
	 * @param maxPeers its bound on live peers
	 * @return the registry
	 */
	protected abstract PeerRegistry create(MutableClock clock, Duration lease, int maxPeers);

	@BeforeEach
	void createRegistry() {
		this.registry = create(this.clock, LEASE, 10_000);
	}

	@Test
	void registerWhenSamePeerIdAndOtherKeyThrowsAndKeepsRecordUntilLeaseEnds() {
		Registration bob = this.registry.register("p1", "bob", "http://b:1", "key-p1");

		assertThatThrownBy(() -> this.registry.register("p1", "bob", "http://b:1", "key-evil"))
			.isInstanceOf(PeerIdTakenException.class);
		assertThatThrownBy(() -> this.registry.register("p1", "mallory", "http://evil:1", "key-evil"))
			.isInstanceOf(PeerIdTakenException.class);

		assertThat(this.registry.find("p1")).contains(bob.peer());
		assertThat(this.registry.renew("p1", bob.leaseToken()).url()).isEqualTo("http://b:1");
		this.clock.advance(LEASE);
		assertThat(this.registry.register("p1", "bob", "http://evil:1", "key-evil").peer().publicKey())
			.isEqualTo("key-evil");
	}

	@Test
	void registerWhenSameKeyAtOtherUrlReplacesRecord() {
		Registration first = this.registry.register("p1", "alice", "http://a:1", "key-p1");

		Registration moved = this.registry.register("p1", "alice", "http://a:2", "key-p1");

		assertThat(this.registry.find("p1")).contains(moved.peer());
		assertThat(moved.peer().url()).isEqualTo("http://a:2");
		assertThatThrownBy(() -> this.registry.renew("p1", first.leaseToken()))
			.isInstanceOf(InvalidTokenException.class);
	}

	@Test
	void registerWhenFullRefusesNewPeersButNotLiveOnes() {
		PeerRegistry small = create(this.clock, LEASE, 2);
		small.register("p1", "alice", "http://a:1", "key-p1");
		Registration bob = small.register("p2", "bob", "http://b:1", "key-p2");

		assertThatThrownBy(() -> small.register("p3", "carol", "http://c:1", "key-p3"))
			.isInstanceOf(DirectoryFullException.class);

		assertThat(small.list().peers()).extracting(Peer::peerId).containsExactly("p1", "p2");
		assertThat(small.renew("p2", bob.leaseToken()).peerId()).isEqualTo("p2");
		assertThat(small.register("p2", "bobby", "http://b:1", "key-p2").peer().username()).isEqualTo("bobby");
		small.remove("p2", small.register("p2", "bob", "http://b:1", "key-p2").leaseToken());
		assertThat(small.register("p3", "carol", "http://c:1", "key-p3").peer().peerId()).isEqualTo("p3");
	}

	@Test
	void registerWhenFullButOneExpiredAdmitsNewPeer() {
		PeerRegistry small = create(this.clock, LEASE, 1);
		small.register("p1", "alice", "http://a:1", "key-p1");
		this.clock.advance(LEASE);

		assertThat(small.register("p2", "bob", "http://b:1", "key-p2").peer().peerId()).isEqualTo("p2");
	}

	@Test
	void holdsLiveLeaseOnlyForTheCurrentTokenOfALivePeer() {
		String first = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		String second = this.registry.register("p1", "alice", "http://a:1", "key-p1").leaseToken();
		String bob = this.registry.register("p2", "bob", "http://b:1", "key-p2").leaseToken();

		assertThat(this.registry.holdsLiveLease(second)).isTrue();
		assertThat(this.registry.holdsLiveLease(first)).isFalse();
		assertThat(this.registry.holdsLiveLease("not-a-token")).isFalse();
		this.registry.remove("p2", bob);
		assertThat(this.registry.holdsLiveLease(bob)).isFalse();
		this.clock.advance(LEASE);
		assertThat(this.registry.holdsLiveLease(second)).isFalse();
	}

}
