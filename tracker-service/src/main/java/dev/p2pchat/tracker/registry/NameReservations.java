package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

/**
 * The names of departed peers, each kept for the key that held it for one reservation
 * period ({@code p2pchat.tracker.name-reservation}) — the in-memory registry's table.
 *
 * <p>
 * A key holds at most one reservation (the name it had when it left); registering again,
 * under any name, gives it up. At most {@code capacity} reservations are kept: since
 * every reservation lasts equally long, insertion order is expiry order, and when the
 * table is full the one closest to its end is given up first. Not thread-safe: the
 * registry calls it under its lock.
 */
@Slf4j
final class NameReservations {

	private final Duration period;

	private final int capacity;

	/** Name key to reservation, oldest first. */
	private final LinkedHashMap<String, Reservation> byName = new LinkedHashMap<>();

	/** peerId to the name key it reserved. */
	private final Map<String, String> byPeer = new HashMap<>();

	NameReservations(Duration period, int capacity) {
		if (period.isNegative()) {
			throw new IllegalArgumentException("name reservation must not be negative: " + period);
		}
		this.period = period;
		this.capacity = capacity;
	}

	/** Reserves a departing peer's name for its key, from now. */
	void reserve(String nameKey, String peerId, Instant now) {
		if (this.period.isZero()) {
			return;
		}
		release(peerId);
		Reservation replaced = this.byName.remove(nameKey);
		if (replaced != null) {
			this.byPeer.remove(replaced.peerId());
		}
		this.byName.put(nameKey, new Reservation(peerId, now.plus(this.period)));
		this.byPeer.put(peerId, nameKey);
		if (this.byName.size() > this.capacity) {
			Map.Entry<String, Reservation> eldest = this.byName.entrySet().iterator().next();
			this.byName.remove(eldest.getKey());
			this.byPeer.remove(eldest.getValue().peerId());
			log.warn("name reservations full ({}): gave up the oldest early", this.capacity);
		}
	}

	/** Gives up a key's reservation (it registered again). */
	void release(String peerId) {
		String nameKey = this.byPeer.remove(peerId);
		if (nameKey != null) {
			this.byName.remove(nameKey);
		}
	}

	/**
	 * Whether the name is reserved for a key other than this peerId's.
	 * @param nameKey the name's {@link PeerFields#nameKey}
	 * @param peerId who wants it
	 * @param now the registry's time
	 * @return true when someone else holds a running reservation of it
	 */
	boolean heldByOther(String nameKey, String peerId, Instant now) {
		Reservation reservation = this.byName.get(nameKey);
		return reservation != null && now.isBefore(reservation.until()) && !reservation.peerId().equals(peerId);
	}

	/** Drops the reservations that have run out. */
	void expire(Instant now) {
		for (Iterator<Reservation> it = this.byName.values().iterator(); it.hasNext();) {
			Reservation reservation = it.next();
			if (now.isBefore(reservation.until())) {
				return;
			}
			it.remove();
			this.byPeer.remove(reservation.peerId());
		}
	}

	/** How many reservations are held (for tests). */
	int size() {
		return this.byName.size();
	}

	/** Who holds the reservation of a name (for tests). */
	@Nullable String holder(String nameKey) {
		Reservation reservation = this.byName.get(nameKey);
		return (reservation != null) ? reservation.peerId() : null;
	}

	private record Reservation(String peerId, Instant until) {
	}

}
