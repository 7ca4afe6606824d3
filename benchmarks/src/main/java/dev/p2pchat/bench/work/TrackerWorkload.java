package dev.p2pchat.bench.work;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.bench.http.HttpHead;
import dev.p2pchat.bench.http.LoadGenerator;
import dev.p2pchat.bench.http.LoadSpec;
import dev.p2pchat.bench.node.Payload;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.Results;
import org.jspecify.annotations.Nullable;

/**
 * W4: a tracker of its own with many registered peers (long leases, nobody links to
 * them): {@code GET /peers} full (200) and conditional (304), lease renewals and signed
 * registrations, each beside the bare HTTP limit measured in the same run with the same
 * load generator. Run once for the in-memory store ({@code W4}, which measures the limit)
 * and once for a replica on Redis ({@code W4 Redis}, compared with that limit).
 */
final class TrackerWorkload {

	/** Registrations signed ahead of each registration run, per second of its load. */
	private static final int REGISTRATIONS_PER_SECOND = 4000;

	private final BenchConfig config;

	private final String name;

	private final Samples samples;

	private double listKb = Double.NaN;

	/**
	 * @param config the sizes
	 * @param name the figures' prefix, e.g. {@code W4} or {@code W4 Redis}
	 */
	TrackerWorkload(BenchConfig config, String name) {
		this.config = config;
		this.name = name;
		this.samples = new Samples(config.runs());
	}

	/**
	 * Registers the peers at a tracker that nobody else uses any more and measures.
	 * @param port the tracker's port; its lease must outlast the workload
	 * @param barePort the bare-HTTP limit's port, or null to leave the limit to another
	 * run
	 */
	void run(int port, @Nullable Integer barePort) throws IOException, InterruptedException {
		List<String[]> tokens = register(port);
		for (int rep = 0; rep < this.config.runs(); rep++) {
			Progress.say(this.name + " run " + (rep + 1) + "/" + this.config.runs());
			// renewals change renewedAt, so the list's ETag of the previous run is stale
			String etag = etag(port);
			if (barePort != null) {
				measure("bare", rep, barePort, 202,
						(c, seq) -> PeerCluster.post(barePort, new Payload(1, c, seq, 0), this.config.chars()));
			}
			measure("list-200", rep, port, 200,
					(c, seq) -> HttpHead.request("GET", port, "/peers", "Accept: application/json\r\n", null));
			measure("list-304", rep, port, 304, (c, seq) -> HttpHead.request("GET", port, "/peers",
					"Accept: application/json\r\nIf-None-Match: " + etag + "\r\n", null));
			measure("renew", rep, port, 200, (c, seq) -> {
				int peer = (c * 7919 + seq) % tokens.size();
				return HttpHead.request("PUT", port, "/peers/" + tokens.get(peer)[0] + "/lease",
						"Authorization: Bearer " + tokens.get(peer)[1] + "\r\n", null);
			});
		}
		// last: each run adds peers, which the list figures above must not see
		for (int rep = 0; rep < this.config.runs(); rep++) {
			measureRegistrations(rep, port);
		}
	}

	/** The bare-HTTP limit of each run, NaN where this workload did not measure it. */
	double[] bare() {
		return this.samples.get("bare");
	}

	/** Registers the peers, each with its own key: their peerIds and lease tokens. */
	private List<String[]> register(int port) throws IOException, InterruptedException {
		var tracker = new TrackerApi(port);
		var tokens = new ArrayList<String[]>();
		for (int i = 0; i < this.config.trackerPeers(); i++) {
			Identity identity = Identity.generate();
			tokens.add(new String[] { identity.peerId(),
					tracker.register(identity, "w4user" + i, "http://127.0.0.1:9/w4-" + i) });
		}
		return tokens;
	}

	/**
	 * Signed registrations of new peers as fast as the tracker takes them: signed ahead
	 * (key generation and signing cost the client more than the request), each a new key
	 * and name, so each is a first registration with a fresh proof.
	 */
	private void measureRegistrations(int rep, int port) throws InterruptedException {
		int connections = this.config.connections();
		int perConnection = Math.max(50,
				(int) (REGISTRATIONS_PER_SECOND * this.config.trackerDuration().toMillis() / 1000 / connections));
		var requests = new byte[connections * perConnection][];
		for (int i = 0; i < requests.length; i++) {
			String body = TrackerApi.registration(Identity.generate(), "w4r" + rep + "x" + i,
					"http://127.0.0.1:9/w4r-" + i, Clock.systemUTC());
			requests[i] = HttpHead.request("POST", port, "/peers", "Accept: application/json\r\n", body);
		}
		measure("register", rep, port, 201, perConnection, (c, seq) -> requests[c * perConnection + seq]);
	}

	private String etag(int port) throws IOException, InterruptedException {
		var response = new TrackerApi(port).list();
		this.listKb = response.body().length / 1024.0;
		return response.headers().firstValue("ETag").orElseThrow(() -> new IOException("GET /peers has no ETag"));
	}

	private void measure(String key, int rep, int port, int status, LoadSpec.RequestFactory requests)
			throws InterruptedException {
		measure(key, rep, port, status, Integer.MAX_VALUE, requests);
	}

	private void measure(String key, int rep, int port, int status, int perConnection, LoadSpec.RequestFactory requests)
			throws InterruptedException {
		var unexpected = new AtomicReference<String>();
		var spec = new LoadSpec(port, this.config.connections(), this.config.depth(), perConnection,
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

	/**
	 * Adds the figures.
	 * @param results where they go
	 * @param bare the bare-HTTP limit of each run (this workload's own, or the in-memory
	 * run's)
	 */
	void report(Results results, double[] bare) {
		String peers = this.config.trackerPeers() + " peers";
		if (this.samples.has("bare")) {
			results.add(Figure.plain("limit: bare HTTP POST 202 (W4 run)", "req/s", bare));
		}
		var list = new Figure(
				this.name + " GET /peers 200, " + peers
						+ String.format(java.util.Locale.ROOT, " (%.0f KB)", this.listKb),
				"req/s", this.samples.get("list-200"), "bare HTTP", bare, "", null);
		results.add(list);
		var notModified = new Figure(this.name + " GET /peers 304, " + peers, "req/s", this.samples.get("list-304"),
				"bare HTTP", bare, "", null);
		results.add(notModified.withTarget("ratio >= 50 %", notModified.ratio() >= 0.5));
		results.add(new Figure(this.name + " lease renewals, " + peers, "req/s", this.samples.get("renew"), "bare HTTP",
				bare, "", null));
		results.add(new Figure(this.name + " registrations (signed, new peers)", "req/s", this.samples.get("register"),
				"bare HTTP", bare, "", null));
	}

}
