package dev.p2pchat.bench.work;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.p2pchat.bench.http.HttpHead;
import dev.p2pchat.bench.http.LoadGenerator;
import dev.p2pchat.bench.http.LoadResult;
import dev.p2pchat.bench.http.LoadSpec;
import dev.p2pchat.bench.http.SseClient;
import dev.p2pchat.bench.node.Payload;
import dev.p2pchat.bench.node.Tally;
import dev.p2pchat.bench.proc.ServiceProcess;

/**
 * Real peers driven through their public API: {@code POST /messages} in through the lean
 * load generator, {@code GET /messages/stream} out, one SSE reader per peer counting what
 * it shows.
 */
final class PeerCluster implements AutoCloseable {

	private final List<ServiceProcess> peers;

	private final List<SseClient> streams = new ArrayList<>();

	private final List<Tally> tallies = new ArrayList<>();

	private final boolean[] suspended;

	private int endedStreams;

	PeerCluster(List<ServiceProcess> peers) throws IOException {
		this.peers = List.copyOf(peers);
		this.suspended = new boolean[peers.size()];
		for (int i = 0; i < peers.size(); i++) {
			this.tallies.add(new Tally(-1, java.util.Map.of()));
			this.streams.add(open(i));
		}
	}

	private SseClient open(int peer) throws IOException {
		ServiceProcess process = this.peers.get(peer);
		return SseClient.open(process.port(), "/messages/stream", Launch.AUTHORIZATION, process.name(),
				(event, data, nanos) -> onEvent(peer, event, data, nanos));
	}

	/**
	 * Closes every live stream until the next API run reopens them, so that W1-mesh
	 * measures the transport without SSE subscribers.
	 */
	void suspendStreams() throws IOException {
		for (int p = 0; p < this.streams.size(); p++) {
			this.streams.get(p).close();
			this.suspended[p] = true;
		}
	}

	/**
	 * Streams the peers ended so far (e.g. a subscriber queue overflow); each was
	 * reopened.
	 */
	int endedStreams() {
		return this.endedStreams;
	}

	private void onEvent(int peer, String event, String data, long nanos) {
		if (event.equals("message")) {
			this.tallies.get(peer).accept(SseClient.stringField(data, "text"), nanos);
		}
	}

	List<ServiceProcess> peers() {
		return this.peers;
	}

	/**
	 * W1-api: broadcasts {@code count} messages through {@code POST /messages}, split
	 * over the senders and the connections, counted on every other peer's stream.
	 */
	Delivery throughput(int run, List<Integer> senders, int count, int chars, int connections, int depth,
			Duration timeout) throws IOException, InterruptedException {
		int perSender = Math.max(1, connections / senders.size());
		int perStream = count / (senders.size() * perSender);
		arm(run, senders, perSender, perStream);
		int[] accepted = new int[this.peers.size() * perSender];
		long start = System.nanoTime();
		var threads = new ArrayList<Thread>();
		for (int s : senders) {
			int port = this.peers.get(s).port();
			var spec = new LoadSpec(port, perSender, depth, perStream, timeout, 0,
					(c, seq) -> post(port, new Payload(run, s * perSender + c, seq, System.nanoTime()), chars),
					(c, seq, nanos, head) -> accepted[s * perSender + c] += (head.status() == 202) ? 1 : 0);
			threads.add(Thread.ofPlatform().start(() -> report(runLoad(spec))));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		await(timeout);
		var judged = new ArrayList<Tally.Counts>();
		for (int p = 0; p < this.peers.size(); p++) {
			int expected = 0;
			for (int stream = 0; stream < accepted.length; stream++) {
				expected += (stream / perSender != p) ? accepted[stream] : 0;
			}
			Tally.Counts c = this.tallies.get(p).counts();
			if (c.expected() > 0) {
				// what the peers accepted with 202 is what must arrive, also when the run
				// timed out
				judged.add(new Tally.Counts(Math.max(expected, c.distinct()), c.distinct(), c.duplicates(),
						c.outOfOrder(), c.lastArrivalNanos()));
			}
		}
		int sent = Arrays.stream(accepted).sum();
		return Delivery.of(sent, perStream * perSender * senders.size() - sent, start, judged);
	}

	/**
	 * W2: paced messages from peer 0 on one connection, measured two ways: from the
	 * {@code POST} returning to the message on each other peer's stream (the old method,
	 * negative values counted as 0), and from the message's slot in the send schedule
	 * (start + seq / rate) to the same arrival, which also counts the sender's HTTP path
	 * and every slip of the schedule (no coordinated omission). Both clocks are this
	 * JVM's {@code System.nanoTime()}.
	 */
	LatencyRun latency(int run, int rate, int count, int chars, Duration timeout)
			throws IOException, InterruptedException {
		arm(run, List.of(0), 1, count);
		long[] returned = new long[count];
		int port = this.peers.get(0).port();
		var spec = new LoadSpec(port, 1, 1, count, timeout.plusMillis(count * 1000L / rate), rate,
				(c, seq) -> post(port, new Payload(run, 0, seq, System.nanoTime()), chars),
				(c, seq, nanos, head) -> returned[seq] = nanos);
		LoadResult load = runLoad(spec);
		report(load);
		List<Tally.Counts> counts = await(timeout);
		var fromReturn = new ArrayList<long[]>();
		var fromSchedule = new ArrayList<long[]>();
		for (int p = 1; p < this.peers.size(); p++) {
			var afterReturn = new ArrayList<Long>();
			var afterSlot = new ArrayList<Long>();
			for (int seq = 0; seq < count; seq++) {
				long arrival = this.tallies.get(p).arrivalNanos(0, seq);
				if (arrival != 0 && returned[seq] != 0) {
					afterReturn.add(Math.max(0, arrival - returned[seq]) / 1000);
				}
				if (arrival != 0) {
					long slot = load.startNanos() + seq * 1_000_000_000L / rate;
					afterSlot.add((arrival - slot) / 1000);
				}
			}
			fromReturn.add(afterReturn.stream().mapToLong(Long::longValue).toArray());
			fromSchedule.add(afterSlot.stream().mapToLong(Long::longValue).toArray());
		}
		long lost = counts.stream().mapToLong(Tally.Counts::lost).sum();
		return new LatencyRun(Latencies.of(fromReturn, lost), Latencies.ofHistogram(fromSchedule, lost));
	}

	/**
	 * One W2 run measured two ways.
	 *
	 * @param fromReturn from the {@code POST} returning (the method before HdrHistogram)
	 * @param fromSchedule from the send's slot in the schedule, in an HdrHistogram
	 */
	record LatencyRun(Latencies fromReturn, Latencies fromSchedule) {
	}

	private void arm(int run, List<Integer> senders, int streamsPerSender, int perStream) throws IOException {
		for (int p = 0; p < this.peers.size(); p++) {
			if (this.suspended[p] || this.streams.get(p).ended()) {
				if (!this.suspended[p]) {
					Progress.say("  the live stream of " + this.peers.get(p).name() + " had ended; reopening it");
					this.endedStreams++;
				}
				this.streams.get(p).close();
				this.streams.set(p, open(p));
				this.suspended[p] = false;
			}
			var expected = new HashMap<Integer, Integer>();
			for (int s : senders) {
				for (int c = 0; c < streamsPerSender && s != p; c++) {
					expected.put(s * streamsPerSender + c, perStream);
				}
			}
			this.tallies.set(p, new Tally(run, expected));
		}
	}

	private List<Tally.Counts> await(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		var counts = new ArrayList<Tally.Counts>();
		for (Tally tally : this.tallies) {
			try {
				tally.complete().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
				// counted as lost below
			}
			if (tally.counts().expected() > 0) {
				counts.add(tally.counts());
			}
		}
		return counts;
	}

	static byte[] post(int port, Payload payload, int chars) {
		return HttpHead.request("POST", port, "/messages", Launch.AUTHORIZATION,
				"{\"text\":\"" + payload.text(chars) + "\"}");
	}

	static LoadResult runLoad(LoadSpec spec) {
		try {
			return new LoadGenerator(spec, 202).run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void report(LoadResult result) {
		if (result.unexpected() > 0) {
			System.err.println("  " + result.unexpected() + " responses were not 202");
		}
	}

	@Override
	public void close() throws IOException {
		for (SseClient stream : this.streams) {
			stream.close();
		}
	}

}
