package dev.p2pchat.bench.work;

import java.util.List;

import dev.p2pchat.bench.node.Tally;

/**
 * What one broadcast throughput run delivered.
 *
 * @param messages messages broadcast (all senders together)
 * @param unsent messages the run meant to send but did not (not accepted, or its time ran
 * out)
 * @param startNanos {@link System#nanoTime()} of the first send
 * @param endNanos {@link System#nanoTime()} when the last receiver saw its last message
 * @param lost expected deliveries that did not happen, over all receivers
 * @param duplicates deliveries of a message a receiver had already seen
 * @param outOfOrder deliveries after a later message of the same ordered stream
 */
record Delivery(int messages, int unsent, long startNanos, long endNanos, long lost, long duplicates, long outOfOrder) {

	static Delivery of(int messages, int unsent, long startNanos, List<Tally.Counts> receivers) {
		long end = receivers.stream().mapToLong(Tally.Counts::lastArrivalNanos).max().orElse(startNanos);
		return new Delivery(messages, unsent, startNanos, end, receivers.stream().mapToLong(Tally.Counts::lost).sum(),
				receivers.stream().mapToLong(Tally.Counts::duplicates).sum(),
				receivers.stream().mapToLong(Tally.Counts::outOfOrder).sum());
	}

	/**
	 * Broadcast messages per second, from the first send until the last receiver had them
	 * all.
	 */
	double perSecond() {
		return this.messages * 1e9 / Math.max(1, this.endNanos - this.startNanos);
	}

}
