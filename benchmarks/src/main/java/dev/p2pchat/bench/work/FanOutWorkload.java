package dev.p2pchat.bench.work;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.bench.http.LoadSpec;
import dev.p2pchat.bench.node.Payload;
import dev.p2pchat.bench.node.Tally;
import dev.p2pchat.bench.proc.Pause;
import dev.p2pchat.bench.proc.ServiceProcess;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;

/**
 * W3: one real peer broadcasting, through {@code POST /messages} at full speed, to many
 * simulated peers in this JVM ({@link SimPeer}), registered at the tracker like real
 * peers. The real peer gets the largest peerId so that every simulated peer dials it.
 */
final class FanOutWorkload {

	private static final Duration LINK_TIMEOUT = Duration.ofSeconds(120);

	private final BenchConfig config;

	private final Samples samples;

	private int run = 9000;

	FanOutWorkload(BenchConfig config) {
		this.config = config;
		this.samples = new Samples(config.runs());
	}

	/**
	 * Runs W3 on a peer that is linked to nobody any more.
	 * @param peer a peer (its peerId almost surely sorts after the simulated peers')
	 * @param trackerPort its tracker
	 */
	void run(ServiceProcess peer, int trackerPort) throws Exception {
		for (int size : this.config.fanOutSizes()) {
			fanOut(peer, trackerPort, size);
		}
	}

	private void fanOut(ServiceProcess peer, int trackerPort, int size) throws Exception {
		var tracker = new TrackerApi(trackerPort);
		var closed = new AtomicInteger();
		var sims = new ArrayList<SimPeer>();
		var tokens = new ArrayList<String>();
		var ids = new ArrayList<String>();
		HttpClient client = HttpClient.newHttpClient();
		Thread pinger = null;
		Progress.say("W3 linking " + size + " simulated peers");
		try {
			for (int i = 0; i < size; i++) {
				Identity identity = simIdentity();
				String url = String.format(Locale.ROOT, "http://127.0.0.1:9/sim%d-%03d", size, i);
				var sim = new SimPeer(identity, "s" + size + "x" + i, url, closed);
				tokens.add(tracker.register(identity, "s" + size + "x" + i, url));
				ids.add(identity.peerId());
				sims.add(sim);
			}
			for (SimPeer sim : sims) {
				sim.dial(client, peer.port());
			}
			pinger = Thread.ofPlatform().daemon().name("sim-pinger").start(() -> ping(sims));
			awaitGreeted(sims);
			for (int rep = 0; rep < this.config.runs(); rep++) {
				once(peer.port(), size, sims, rep);
			}
			this.samples.put("dropped-" + size, 0, closed.get());
		}
		finally {
			if (pinger != null) {
				pinger.interrupt();
			}
			sims.forEach(SimPeer::close);
			for (int i = 0; i < tokens.size(); i++) {
				tracker.remove(ids.get(i), tokens.get(i));
			}
			client.close();
		}
	}

	/**
	 * A key whose peerId starts with a digit, so that it sorts before the real peer's
	 * (which almost always starts with a letter): the simulated peers dial, as the dial
	 * rule wants, and the real peer never dials their unreachable URLs.
	 */
	private static Identity simIdentity() {
		Identity identity = Identity.generate();
		while (identity.peerId().charAt(0) > '7') {
			identity = Identity.generate();
		}
		return identity;
	}

	private static void ping(List<SimPeer> sims) {
		while (!Thread.currentThread().isInterrupted()) {
			sims.forEach(SimPeer::ping);
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void awaitGreeted(List<SimPeer> sims) throws IOException {
		long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
		while (sims.stream().anyMatch((sim) -> !sim.greeted())) {
			if (System.nanoTime() > deadline) {
				throw new IOException(
						sims.stream().filter((s) -> !s.greeted()).count() + " simulated peers not linked");
			}
			Pause.briefly();
		}
	}

	private void once(int port, int size, List<SimPeer> sims, int rep) throws Exception {
		int run = this.run++;
		int conns = this.config.connections();
		int perStream = this.config.fanOutMessages() / conns;
		var expected = new HashMap<Integer, Integer>();
		for (int c = 0; c < conns; c++) {
			expected.put(c, perStream);
		}
		sims.forEach((sim) -> sim.arm(new Tally(run, expected)));
		int chars = this.config.chars();
		var spec = new LoadSpec(port, conns, this.config.depth(), perStream, this.config.runTimeout(), 0,
				(c, seq) -> PeerCluster.post(port, new Payload(run, c, seq, System.nanoTime()), chars),
				LoadSpec.ResponseListener.NONE);
		long start = System.nanoTime();
		PeerCluster.runLoad(spec);
		var counts = new ArrayList<Tally.Counts>();
		var latencies = new ArrayList<long[]>();
		long deadline = System.nanoTime() + this.config.runTimeout().toNanos();
		for (SimPeer sim : sims) {
			try {
				sim.tally().complete().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (java.util.concurrent.TimeoutException ex) {
				// counted as lost
			}
			counts.add(sim.tally().counts());
			latencies.add(java.util.Arrays.stream(sim.tally().latencies()).map((n) -> n / 1000).toArray());
		}
		Delivery delivery = Delivery.of(perStream * conns, 0, start, counts);
		double p99 = Latencies.of(latencies, delivery.lost()).percentileMillis(99);
		this.samples.put("rate-" + size, rep, delivery.perSecond());
		this.samples.put("p99-" + size, rep, p99);
		this.samples.add("lost-" + size, 0, delivery.lost() + delivery.duplicates() + delivery.outOfOrder());
		Progress.say(String.format(Locale.ROOT,
				"  %d peers: %,.0f msgs/s (%,.0f deliveries/s), p99 %.1f ms, lost %d" + " dup %d ooo %d", size,
				delivery.perSecond(), delivery.perSecond() * size, p99, delivery.lost(), delivery.duplicates(),
				delivery.outOfOrder()));
	}

	void report(Results results) {
		for (int size : this.config.fanOutSizes()) {
			String name = "W3 fan-out to " + size + " simulated peers (links dropped "
					+ this.samples.total("dropped-" + size) + ", lost/dup/ooo " + this.samples.total("lost-" + size)
					+ ")";
			var rate = Figure.plain(name, "msgs/s", this.samples.get("rate-" + size));
			boolean clean = this.samples.has("rate-" + size) && this.samples.total("dropped-" + size) == 0
					&& this.samples.total("lost-" + size) == 0;
			results.add(rate.withTarget("no link dropped, no message lost", clean));
			results.add(Figure.plain(name, "p99 ms (send to delivery, at full load)", this.samples.get("p99-" + size)));
		}
	}

}
