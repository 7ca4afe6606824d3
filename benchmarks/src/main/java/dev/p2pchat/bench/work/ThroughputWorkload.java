package dev.p2pchat.bench.work;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.p2pchat.bench.http.LoadSpec;
import dev.p2pchat.bench.node.Payload;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;
import org.jspecify.annotations.Nullable;

/**
 * W1: broadcast throughput through the API and through the mesh alone, each run
 * interleaved with its limits (raw-WebSocket mesh, bare HTTP) so that a ratio compares
 * figures of the same moment.
 */
final class ThroughputWorkload {

	/** Stream ids of connections from outside the mesh; no node has such an index. */
	private static final int OUTSIDE_STREAMS = 100;

	private final BenchConfig config;

	private final Samples samples;

	private int run = 1000;

	ThroughputWorkload(BenchConfig config) {
		this.config = config;
		this.samples = new Samples(config.runs());
	}

	/**
	 * The limits W1 is measured against.
	 *
	 * @param wsMesh the raw-WebSocket mesh
	 * @param tcpMesh the batched raw-TCP mesh
	 * @param barePort the bare-HTTP server's port
	 */
	record Limits(NodeMesh wsMesh, NodeMesh tcpMesh, int barePort) {
	}

	void run(Limits limits, @Nullable NodeMesh peerMesh, PeerCluster api) throws IOException, InterruptedException {
		List<Integer> one = List.of(0);
		List<Integer> many = IntStream.range(0, Math.min(4, this.config.peers() - 1)).boxed().toList();
		// a warm-up as long as a run: with a tenth of it the first recorded run still
		// measured the JIT (W1-mesh 0.42 of the raw mesh against 0.84 and 0.90 after it)
		Progress.say("W1 warm-up");
		once(-1, limits, peerMesh, api, one, many, this.config.messages());
		for (int rep = 0; rep < this.config.runs(); rep++) {
			Progress.say("W1 run " + (rep + 1) + "/" + this.config.runs());
			once(rep, limits, peerMesh, api, one, many, this.config.messages());
		}
	}

	private void once(int rep, Limits limits, @Nullable NodeMesh peerMesh, PeerCluster api, List<Integer> one,
			List<Integer> many, int messages) throws IOException, InterruptedException {
		Duration timeout = this.config.runTimeout();
		int chars = this.config.chars();
		NodeMesh wsMesh = limits.wsMesh();
		NodeMesh tcpMesh = limits.tcpMesh();
		// the mesh runs measure the transport alone: no SSE subscriber on the peers
		api.suspendStreams();
		record("tcp-1", rep, tcpMesh.throughput(this.run++, one, messages, chars, timeout));
		record("ws-1", rep, wsMesh.throughput(this.run++, one, messages, chars, timeout));
		if (peerMesh != null) {
			record("mesh-1", rep, peerMesh.throughput(this.run++, one, messages, chars, timeout));
		}
		record("tcp-n", rep, tcpMesh.throughput(this.run++, many, messages, chars, timeout));
		record("ws-n", rep, wsMesh.throughput(this.run++, many, messages, chars, timeout));
		if (peerMesh != null) {
			record("mesh-n", rep, peerMesh.throughput(this.run++, many, messages, chars, timeout));
		}
		double bare = bare(limits.barePort(), messages);
		if (rep >= 0) {
			this.samples.put("bare", rep, bare);
		}
		int conns = this.config.connections();
		int depth = this.config.depth();
		if (peerMesh != null) {
			// half the messages: a diagnosis, not a target, and the whole tool must stay
			// within budget
			record("api-in", rep, httpInMeshOut(peerMesh, api, messages / 2, timeout));
		}
		record("api-1", rep, api.throughput(this.run++, one, messages, chars, conns, depth, timeout));
		record("api-n", rep, api.throughput(this.run++, many, messages, chars, conns, depth, timeout));
	}

	/**
	 * {@code POST /messages} to peer 0, counted in-process by every peer: no SSE
	 * involved.
	 */
	private Delivery httpInMeshOut(NodeMesh peerMesh, PeerCluster api, int messages, Duration timeout)
			throws IOException {
		int conns = this.config.connections();
		int run = this.run++;
		int port = api.peers().get(0).port();
		List<Integer> streams = IntStream.range(OUTSIDE_STREAMS, OUTSIDE_STREAMS + conns).boxed().toList();
		var spec = new LoadSpec(
				port, conns, this.config.depth(), messages / conns, timeout, 0, (c, seq) -> PeerCluster.post(port,
						new Payload(run, OUTSIDE_STREAMS + c, seq, System.nanoTime()), this.config.chars()),
				LoadSpec.ResponseListener.NONE);
		return peerMesh.observe(run, streams, messages / conns, () -> PeerCluster.runLoad(spec), timeout);
	}

	private double bare(int port, int messages) {
		int conns = this.config.connections();
		int chars = this.config.chars();
		var spec = new LoadSpec(port, conns, this.config.depth(), messages / conns, this.config.runTimeout(), 0,
				(c, seq) -> PeerCluster.post(port, new Payload(1, c, seq, System.nanoTime()), chars),
				LoadSpec.ResponseListener.NONE);
		return PeerCluster.runLoad(spec).perSecond();
	}

	private void record(String key, int rep, Delivery delivery) {
		Progress.say(String.format(java.util.Locale.ROOT, "  %-7s %,10.0f msgs/s  lost %d dup %d ooo %d%s", key,
				delivery.perSecond(), delivery.lost(), delivery.duplicates(), delivery.outOfOrder(),
				(delivery.unsent() > 0) ? "  (" + delivery.unsent() + " not sent in time)" : ""));
		if (rep < 0) {
			return;
		}
		this.samples.put(key, rep, delivery.perSecond());
		this.samples.add(key + ".lost", rep, delivery.lost());
		this.samples.add(key + ".dup", rep, delivery.duplicates());
		this.samples.add(key + ".ooo", rep, delivery.outOfOrder());
		this.samples.add(key + ".unsent", rep, delivery.unsent());
	}

	/** Adds the W1 figures and the raw limits to the results. */
	void report(Results results) {
		int n = Math.min(4, this.config.peers() - 1);
		String many = n + " senders";
		results.add(limit("limit: raw WebSocket mesh, 1 sender", "ws-1"));
		results.add(limit("limit: raw WebSocket mesh, " + many, "ws-n"));
		results.add(limit("limit: batched raw TCP mesh, 1 sender", "tcp-1"));
		results.add(limit("limit: batched raw TCP mesh, " + many, "tcp-n"));
		results.add(limit("limit: bare HTTP POST 202", "bare"));
		if (this.samples.has("mesh-1")) {
			results.add(delivery("W1-mesh, 1 sender", "mesh-1", "raw WS", "ws-1", 1.0));
			results.add(delivery("W1-mesh, " + many, "mesh-n", "raw WS", "ws-n", 1.0));
			results.add(delivery("W1-mesh to batched raw TCP, 1 sender", "mesh-1", "raw TCP", "tcp-1", 0.5));
			results.add(delivery("W1-mesh to batched raw TCP, " + many, "mesh-n", "raw TCP", "tcp-n", 0.5));
		}
		if (this.samples.has("api-in")) {
			results.add(new Figure("W1 diagnosis: POST in, counted in-process (no SSE)" + lossText("api-in"), "msgs/s",
					this.samples.get("api-in"), "bare HTTP", this.samples.get("bare"), "", null));
		}
		results.add(delivery("W1-api, 1 sender", "api-1", "bare HTTP", "bare", 0.5));
		results.add(delivery("W1-api, " + many, "api-n", "bare HTTP", "bare", 0.5));
	}

	private Figure limit(String name, String key) {
		return Figure.plain(name + lossText(key), key.equals("bare") ? "req/s" : "msgs/s", this.samples.get(key));
	}

	private Figure delivery(String name, String key, String limitName, String limitKey, double targetRatio) {
		var figure = new Figure(name + lossText(key), "msgs/s", this.samples.get(key), limitName,
				this.samples.get(limitKey), "", null);
		boolean clean = this.samples.total(key + ".lost") + this.samples.total(key + ".dup")
				+ this.samples.total(key + ".ooo") == 0;
		return figure.withTarget(
				String.format(java.util.Locale.ROOT, "ratio >= %.0f %%, 0 lost/dup/ooo", targetRatio * 100),
				clean && figure.ratio() >= targetRatio);
	}

	private String lossText(String key) {
		if (!this.samples.has(key + ".lost")) {
			return "";
		}
		long unsent = this.samples.total(key + ".unsent");
		return " (lost/dup/ooo " + this.samples.total(key + ".lost") + "/" + this.samples.total(key + ".dup") + "/"
				+ this.samples.total(key + ".ooo")
				+ ((unsent > 0) ? ", " + unsent + " not sent within the run's time" : "") + ")";
	}

}
