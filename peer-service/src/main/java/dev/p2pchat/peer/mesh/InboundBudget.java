package dev.p2pchat.peer.mesh;

import java.time.Duration;
import java.time.Instant;

/**
 * One link's inbound budget: two token buckets, bytes and messages per second, each
 * holding at most one second's worth (the burst). A frame is charged when it is read;
 * when a bucket runs into debt, the link's reader waits the time the debt takes to refill
 * before it reads on, so a flooding link is slowed to the budget (its sender sees TCP
 * backpressure) while the other links go on. Time comes from the caller's clock. Not
 * thread-safe: one link's frames are read one at a time.
 */
final class InboundBudget {

	private static final double NANOS = 1e9;

	private final double bytesPerSecond;

	private final double messagesPerSecond;

	private double bytes;

	private double messages;

	private Instant refilled;

	InboundBudget(long bytesPerSecond, long messagesPerSecond, Instant now) {
		this.bytesPerSecond = bytesPerSecond;
		this.messagesPerSecond = messagesPerSecond;
		this.bytes = bytesPerSecond;
		this.messages = messagesPerSecond;
		this.refilled = now;
	}

	/**
	 * Charges one frame of {@code frameBytes} holding {@code frameMessages} messages (a
	 * frame without messages counts as one).
	 * @return how long to wait before reading the next frame; zero within the budget
	 */
	Duration charge(long frameBytes, int frameMessages, Instant now) {
		double elapsed = Math.max(0, Duration.between(this.refilled, now).toNanos()) / NANOS;
		this.refilled = now;
		this.bytes = Math.min(this.bytesPerSecond, this.bytes + elapsed * this.bytesPerSecond) - frameBytes;
		this.messages = Math.min(this.messagesPerSecond, this.messages + elapsed * this.messagesPerSecond)
				- Math.max(1, frameMessages);
		double wait = Math.max(-this.bytes / this.bytesPerSecond, -this.messages / this.messagesPerSecond);
		return (wait > 0) ? Duration.ofNanos((long) (wait * NANOS)) : Duration.ZERO;
	}

}
