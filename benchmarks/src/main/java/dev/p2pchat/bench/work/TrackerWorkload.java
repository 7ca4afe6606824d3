package dev.p2pchat.bench.work;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.p2pchat.bench.http.HttpHead;
import dev.p2pchat.bench.http.LoadGenerator;
import dev.p2pchat.bench.http.LoadSpec;
import dev.p2pchat.bench.node.Payload;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;

/**
 * W4: a tracker of its own with many registered peers (long leases, nobody links to
 * them): {@code GET /peers} full (200) and conditional (304), and lease renewals, each
 * beside the bare HTTP limit measured in the same run with the same load generator.
 */
final class TrackerWorkload {

	private final BenchConfig config;

	private final Samples samples;

	private double listKb = Double.NaN;

	TrackerWorkload(BenchConfig config) {
		this.config = config;
		this.samples = new Samples(config.runs());
	}

	/**
	 * Registers the peers at a tracker that nobody else uses any more and measures.
	 * @param port the tracker's port; its lease must outlast the workload
	 * @param barePort the bare-HTTP limit's port
	 */
	void run(int port, int barePort) throws IOException, InterruptedException {
		List<TrackerApi.Registered> registered = register(port);
		for (int rep = 0; rep < this.config.runs(); rep++) {
			Progress.say("W4 run " + (rep + 1) + "/" + this.config.runs());
			// renewals change renewedAt, so the list's ETag of the previous run is stale
			String etag = etag(port);
			measure("bare", rep, barePort, 202,
					(c, seq) -> PeerCluster.post(barePort, new Payload(1, c, seq, 0), this.config.chars()));
			measure("list-200", rep, port, 200,
					(c, seq) -> HttpHead.request("GET", port, "/peers", "Accept: application/json\r\n", null));
			measure("list-304", rep, port, 304, (c, seq) -> HttpHead.request("GET", port, "/peers",
					"Accept: application/json\r\nIf-None-Match: " + etag + "\r\n", null));
			measure("renew", rep, port, 200, (c, seq) -> {
				TrackerApi.Registered peer = registered.get((c * 7919 + seq) % registered.size());
				return HttpHead.request("PUT", port, "/peers/" + peer.peerId() + "/lease",
						"Authorization: Bearer " + peer.token() + "\r\n", null);
			});
		}
	}

	/** Many registrations from one address: the tracker runs with a raised rate limit. */
	private List<TrackerApi.Registered> register(int port) throws IOException, InterruptedException {
		var tracker = new TrackerApi(port);
		var registered = new ArrayList<TrackerApi.Registered>();
		for (int i = 0; i < this.config.trackerPeers(); i++) {
			registered.add(tracker.register("w4user" + i, "http://127.0.0.1:9/w4-" + i));
		}
		return registered;
	}

	private String etag(int port) throws IOException, InterruptedException {
		var response = new TrackerApi(port).list();
		this.listKb = response.body().length / 1024.0;
		return response.headers().firstValue("ETag").orElseThrow(() -> new IOException("GET /peers has no ETag"));
	}

	private void measure(String key, int rep, int port, int status, LoadSpec.RequestFactory requests)
			throws InterruptedException {
		var unexpected = new AtomicReference<String>();
		var spec = new LoadSpec(port, this.config.connections(), this.config.depth(), Integer.MAX_VALUE,
				this.config.trackerDuration(), 0, requests, (c, seq, nanos, head) -> {
					if (head.status() != status) {
						unexpected.set("status " + head.status());
					}
				});
		var result = new LoadGenerator(spec, status).run();
		this.samples.put(key, rep, result.perSecond());
		Progress.say(String.format(java.util.Locale.ROOT, "  %-8s %,10.0f req/s%s", key, result.perSecond(),
				(unexpected.get() != null) ? " (" + result.unexpected() + " answered " + unexpected.get() + ")" : ""));
	}

	void report(Results results) {
		String peers = this.config.trackerPeers() + " peers";
		results.add(Figure.plain("limit: bare HTTP POST 202 (W4 run)", "req/s", this.samples.get("bare")));
		var list = new Figure(
				"W4 GET /peers 200, " + peers + String.format(java.util.Locale.ROOT, " (%.0f KB)", this.listKb),
				"req/s", this.samples.get("list-200"), "bare HTTP", this.samples.get("bare"), "", null);
		results.add(list);
		var notModified = new Figure("W4 GET /peers 304, " + peers, "req/s", this.samples.get("list-304"), "bare HTTP",
				this.samples.get("bare"), "", null);
		results.add(notModified.withTarget("ratio >= 50 %", notModified.ratio() >= 0.5));
		results.add(new Figure("W4 lease renewals, " + peers, "req/s", this.samples.get("renew"), "bare HTTP",
				this.samples.get("bare"), "", null));
	}

}
