package dev.p2pchat.tracker.registry;

import java.time.Duration;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PeerRegistry} promises about
 * {@code p2pchat.tracker.name-reservation}: a departed peer's name (deleted or expired)
 * stays reserved for its key for the reservation period, in any case of the name, against
 * registrations and renames of other keys; the same key takes it back at once. Run
 * against each implementation by a subclass, with a reservation of {@link #RESERVATION}.
 */
abstract class NameReservationContract {

	static final Duration LEASE = Duration.ofSeconds(15);

	static final Duration RESERVATION = Duration.ofMinutes(10);

	static final String KEY = "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik";

	static final String OTHER_KEY = "Ah0E7d3b1hN9yqzWZ3y3Q3fJm1q0a7k1Jt1a1pZb3zQ";

	final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

	PeerRegistry registry;

	/** A registry on a fresh, empty store with this name reservation. */
	abstract PeerRegistry newRegistry(MutableClock clock, Duration reservation);

	/** Another replica on the store of {@link #registry} (the same object in memory). */
	abstract PeerRegistry secondReplica(MutableClock clock);

	abstract void close(PeerRegistry registry);

	@BeforeEach
	void openRegistry() {
		this.registry = newRegistry(this.clock, RESERVATION);
	}

	@AfterEach
	void closeRegistry() {
		close(this.registry);
	}

	@Test
	void registerWhenHolderDeletedAndAnotherKeyTakesNameThrowsNameReserved() {
		String token = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		this.registry.remove("bob-key", token);

		assertThatThrownBy(() -> this.registry.register("squatter", "BOB", "http://s:1", OTHER_KEY))
			.isInstanceOf(NameReservedException.class)
			.isInstanceOf(NameTakenException.class)
			.hasMessageContaining("reserved");
		assertThat(this.registry.list().peers()).isEmpty();
	}

	@Test
	void registerWhenHolderDeletedAndSameKeyComesBackSucceedsAtOnce() {
		String token = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		this.registry.remove("bob-key", token);

		Registration again = this.registry.register("bob-key", "Bob", "http://b:2", KEY);

		assertThat(again.peer().username()).isEqualTo("Bob");
		assertThat(this.registry.list().peers()).extracting(Peer::peerId).containsExactly("bob-key");
	}

	@Test
	void registerWhenHolderLeaseExpiredReservesNameFromItsDeparture() {
		this.registry.register("bob-key", "bob", "http://b:1", KEY);
		this.clock.advance(LEASE);
		this.registry.expireDue();
		this.clock.advance(RESERVATION.minusSeconds(1));

		assertThatThrownBy(() -> this.registry.register("squatter", "bob", "http://s:1", OTHER_KEY))
			.isInstanceOf(NameReservedException.class);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.registry.register("squatter", "bob", "http://s:1", OTHER_KEY).peer().peerId())
			.isEqualTo("squatter");
	}

	@Test
	void registerWhenHolderExpiredButNotSweptThrowsNameReserved() {
		this.registry.register("bob-key", "bob", "http://b:1", KEY);
		this.clock.advance(LEASE);

		assertThatThrownBy(() -> this.registry.register("squatter", "bob", "http://s:1", OTHER_KEY))
			.isInstanceOf(NameReservedException.class);
		assertThat(this.registry.register("bob-key", "bob", "http://b:1", KEY).peer().peerId()).isEqualTo("bob-key");
	}

	@Test
	void renameWhenNameReservedForAnotherKeyThrowsNameReservedAndKeepsName() {
		String bob = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		String squatter = this.registry.register("squatter", "sam", "http://s:1", OTHER_KEY).leaseToken();
		this.registry.remove("bob-key", bob);

		assertThatThrownBy(() -> this.registry.rename("squatter", squatter, "bOB"))
			.isInstanceOf(NameReservedException.class);
		assertThat(this.registry.find("squatter")).map(Peer::username).contains("sam");
	}

	@Test
	void registerWhenReservationEndedLetsAnotherKeyTakeName() {
		String token = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		this.registry.remove("bob-key", token);
		this.clock.advance(RESERVATION);
		this.registry.expireDue();

		assertThat(this.registry.register("squatter", "bob", "http://s:1", OTHER_KEY).peer().username())
			.isEqualTo("bob");
	}

	@Test
	void registerWhenOwnerCameBackUnderAnotherNameFreesTheReservedOne() {
		String token = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		this.registry.remove("bob-key", token);
		this.registry.register("bob-key", "robert", "http://b:1", KEY);

		assertThat(this.registry.register("other", "bob", "http://o:1", OTHER_KEY).peer().username()).isEqualTo("bob");
	}

	@Test
	void registerWhenReservedOnOneReplicaIsRefusedOnTheOther() {
		String token = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		this.registry.remove("bob-key", token);
		PeerRegistry other = secondReplica(this.clock);
		try {
			assertThatThrownBy(() -> other.register("squatter", "bob", "http://s:1", OTHER_KEY))
				.isInstanceOf(NameReservedException.class);
			assertThat(other.register("bob-key", "bob", "http://b:1", KEY).peer().peerId()).isEqualTo("bob-key");
		}
		finally {
			if (other != this.registry) {
				close(other);
			}
		}
	}

	@Test
	void registerWhenRenamedAwayLeavesOldNameFree() {
		String token = this.registry.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
		this.registry.rename("bob-key", token, "robert");

		assertThat(this.registry.register("other", "bob", "http://o:1", OTHER_KEY).peer().username()).isEqualTo("bob");
	}

	@Test
	void registerWhenReservationIsZeroReservesNothing() {
		PeerRegistry open = newRegistry(this.clock, Duration.ZERO);
		try {
			String token = open.register("bob-key", "bob", "http://b:1", KEY).leaseToken();
			open.remove("bob-key", token);

			assertThat(open.register("squatter", "bob", "http://s:1", OTHER_KEY).peer().peerId()).isEqualTo("squatter");
		}
		finally {
			close(open);
		}
	}

}
