package dev.p2pchat.peer.messaging;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then a 12-bit counter
 * that keeps ids made by this peer increasing within a millisecond, then 62 random bits
 * (uniqueness, not secrecy, is needed). Thread-safe.
 */
final class UuidV7 {

	private static final int COUNTER_MAX = 0xFFF;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private long lastMillis = -1;

	private int counter;

	UuidV7(Clock clock) {
		this.clock = clock;
	}

	UUID next() {
		long millis;
		int sequence;
		this.lock.lock();
		try {
			millis = Math.max(this.clock.millis(), this.lastMillis);
			if (millis == this.lastMillis) {
				if (++this.counter > COUNTER_MAX) {
					millis++;
					this.counter = 0;
				}
			}
			else {
				this.counter = 0;
			}
			this.lastMillis = millis;
			sequence = this.counter;
		}
		finally {
			this.lock.unlock();
		}
		long most = (millis << 16) | 0x7000L | sequence;
		long least = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(most, least);
	}

}
