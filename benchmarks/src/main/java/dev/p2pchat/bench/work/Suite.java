package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.bench.proc.Ports;
import dev.p2pchat.bench.proc.ServiceProcess;
import dev.p2pchat.bench.report.Figure;
import dev.p2pchat.bench.report.MarkdownReport;
import dev.p2pchat.bench.report.Results;
import dev.p2pchat.bench.report.SvgChart;

/**
 * Runs every workload once per configuration: starts the processes, measures, always
 * stops them, and writes {@code benchmarks.md} and {@code benchmarks.svg}.
 */
public final class Suite {

	private static final Duration READY = Duration.ofSeconds(180);

	private static final String READINESS = "/actuator/health/readiness";

	private final BenchConfig config;

	private final Jars jars;

	private final Launch launch;

	private final Results results = new Results();

	private final Clock clock;

	public Suite(BenchConfig config, Jars jars, Clock clock) {
		this.config = config;
		this.jars = jars;
		this.launch = new Launch(jars, config.outDir().resolve("logs"));
		this.clock = clock;
	}

	/**
	 * Runs everything and writes the report.
	 * @param command the command line to quote in the report
	 * @return the results
	 * @throws Exception when the processes cannot be started at all
	 */
	public Results run(String command) throws Exception {
		Instant started = this.clock.instant();
		String loadBefore = Machine.load();
		var footprint = new FootprintWorkload(this.config);
		var throughput = new ThroughputWorkload(this.config);
		var latency = new LatencyWorkload(this.config);
		var fanOut = new FanOutWorkload(this.config);
		var tracker = new TrackerWorkload(this.config, "W4");
		var redisTracker = new RedisTrackerWorkload(this.config);
		try (var wsControl = new ControlServer();
				var tcpControl = new ControlServer();
				var peerControl = new ControlServer()) {
			int trackerPort = Ports.free();
			// a long lease: W4 later registers peers here that nobody renews, all from
			// this
			// one address, as fast as it can: far beyond the default rate limit
			ServiceProcess mainTracker = this.launch.tracker("tracker", trackerPort, "--p2pchat.tracker.lease=3600s",
					"--p2pchat.tracker.rate-limit.registrations=1000000", "--p2pchat.tracker.max-peers=1000000",
					"--p2pchat.tracker.sybil.per-address=1000000", "--p2pchat.tracker.sybil.per-prefix=1000000");
			Duration trackerReady = mainTracker.awaitOk(READINESS, READY);
			if (this.config.separateStartups()) {
				stage("W5 start-up", () -> footprint.startups(this.launch, trackerPort));
			}
			else {
				stage("W5 start-up", () -> footprint.observe("tracker", 0, mainTracker, trackerReady, true));
			}
			int barePort = Ports.free();
			ServiceProcess bare = this.launch.bareHttp(barePort);
			// one list, so that no raw-TCP node is given a port of a WebSocket node
			List<Integer> limitPorts = freePorts(2 * this.config.peers());
			List<Integer> wsPorts = limitPorts.subList(0, this.config.peers());
			for (int i = 0; i < wsPorts.size(); i++) {
				this.launch.wsNode(i, wsPorts, wsControl.port());
			}
			List<Integer> tcpPorts = limitPorts.subList(this.config.peers(), limitPorts.size());
			for (int i = 0; i < tcpPorts.size(); i++) {
				this.launch.tcpNode(i, tcpPorts, tcpControl.port());
			}
			List<ServiceProcess> peers = startPeers(trackerPort, peerControl.port());
			if (!this.config.separateStartups()) {
				stage("W5 start-up", () -> {
					footprint.observe("bare", 0, bare, bare.awaitStatus("/", 202, READY), false);
					footprint.observe("peer", 0, peers.get(0), peers.get(0).awaitOk(READINESS, READY), true);
				});
			}
			bare.awaitStatus("/", 202, READY);
			for (ServiceProcess peer : peers) {
				peer.awaitOk(READINESS, READY);
			}
			Links.awaitFullMesh(peers, READY);
			var wsMesh = new NodeMesh(wsControl, this.config.peers(), READY);
			var tcpMesh = new NodeMesh(tcpControl, this.config.peers(), READY);
			NodeMesh peerMesh = driverMesh(peerControl);
			try (var api = new PeerCluster(peers)) {
				stage("W1",
						() -> throughput.run(new ThroughputWorkload.Limits(wsMesh, tcpMesh, barePort), peerMesh, api));
				stage("W5 after W1", () -> footprint.afterLoad(peers.get(0)));
				stage("W2", () -> latency.run(wsMesh, api));
				if (api.endedStreams() > 0) {
					this.results.note("The peers ended " + api.endedStreams() + " live streams (`GET /messages/stream`)"
							+ " during W1/W2: a subscriber that falls `p2pchat.peer.stream.queue-size` events behind"
							+ " is dropped by design; the messages it missed count as lost. Each was reopened before"
							+ " the next run.");
				}
			}
			ServiceProcess.stopAll(peers.subList(1, peers.size()));
			stage("W3", () -> fanOut.run(peers.get(0), trackerPort));
			peers.get(0).stop();
			stage("W4", () -> tracker.run(trackerPort, barePort));
			if (this.config.trackerOnRedis()) {
				stage("W4 Redis", () -> redisTracker.run(this.launch, this.config.outDir().resolve("logs")));
			}
		}
		finally {
			ServiceProcess.stopAll();
		}
		throughput.report(this.results);
		latency.report(this.results);
		fanOut.report(this.results);
		tracker.report(this.results, tracker.bare());
		if (this.config.includes("W4")) {
			redisTracker.report(this.results, tracker.bare());
		}
		footprint.report(this.results);
		write(command, started, loadBefore);
		return this.results;
	}

	private List<ServiceProcess> startPeers(int trackerPort, int controlPort) throws IOException {
		Progress.say("starting " + this.config.peers() + " peers and the limit processes");
		var peers = new ArrayList<ServiceProcess>();
		for (int i = 0; i < this.config.peers(); i++) {
			peers.add(this.launch.drivenPeer("bench" + i, Ports.free(), trackerPort, i, controlPort));
		}
		return peers;
	}

	private NodeMesh driverMesh(ControlServer control) {
		try {
			return new NodeMesh(control, this.config.peers(), Duration.ofSeconds(15));
		}
		catch (IOException ex) {
			this.results.note("W1-mesh not measured: the peers' in-process driver did not connect (" + ex.getMessage()
					+ "); see bench-out/logs/bench0.log.");
			return null;
		}
	}

	private void stage(String name, Stage stage) {
		if (!this.config.includes(name.substring(0, 2))) {
			return;
		}
		try {
			stage.run();
		}
		catch (Exception ex) {
			Progress.say(name + " failed: " + ex);
			this.results.note(name + " failed: " + ex.getMessage());
		}
	}

	private static List<Integer> freePorts(int count) {
		var ports = new ArrayList<Integer>();
		while (ports.size() < count) {
			int port = Ports.free();
			if (!ports.contains(port)) {
				ports.add(port);
			}
		}
		return ports;
	}

	private void write(String command, Instant started, String loadBefore) throws IOException {
		Duration took = Duration.between(started, this.clock.instant());
		String header = Header.markdown(this.config, command, started, took, loadBefore, Machine.load(), this.jars);
		Files.createDirectories(this.config.reportDir());
		List<Figure> bars = this.results.figures()
			.stream()
			.filter((f) -> f.metric().equals("msgs/s") || f.metric().equals("req/s"))
			.filter((f) -> f.limitRuns() != null)
			.toList();
		Files.writeString(this.config.reportDir().resolve("benchmarks.svg"), SvgChart.render(this.results, bars));
		Path report = this.config.reportDir().resolve("benchmarks.md");
		String previous = Files.isRegularFile(report) ? Files.readString(report) : "";
		Files.writeString(report,
				MarkdownReport.render(header, this.results, "benchmarks.svg", MarkdownReport.analysis(previous)));
		Progress.say("wrote " + this.config.reportDir().resolve("benchmarks.md") + " in " + took.toSeconds() + " s");
	}

	@FunctionalInterface
	private interface Stage {

		void run() throws Exception;

	}

}
