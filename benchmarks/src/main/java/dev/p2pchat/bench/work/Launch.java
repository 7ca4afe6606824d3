package dev.p2pchat.bench.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.p2pchat.bench.proc.ServiceProcess;

/**
 * Command lines of every process the benchmark starts; everything binds to 127.0.0.1.
 *
 * @param jars the built jars
 * @param logDir where process output goes
 */
record Launch(Jars jars, Path logDir) {

	static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	/** The JVM options of the README's start command for a peer. */
	static final List<String> README_PEER_OPTIONS = List.of("-Xmx256m");

	ServiceProcess tracker(String name, int port, String... extraArgs) throws IOException {
		var args = new ArrayList<>(
				List.of("-jar", this.jars.tracker().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
						// every load connection comes from 127.0.0.1
						"--p2pchat.tracker.http.max-connections-per-address=100000"));
		args.addAll(List.of(extraArgs));
		return ServiceProcess.startJava(name, port, args, this.logDir);
	}

	/**
	 * A peer started as users start it: {@code java -Xmx256m -jar}, as the README says.
	 */
	ServiceProcess peer(String username, int port, int trackerPort, String... extraArgs) throws IOException {
		var args = new ArrayList<>(README_PEER_OPTIONS);
		args.addAll(List.of("-jar", this.jars.peer().toString()));
		args.addAll(peerArgs(username, port, trackerPort));
		args.addAll(List.of(extraArgs));
		return ServiceProcess.startJava(username, port, args, this.logDir);
	}

	/**
	 * A peer started as users start it, on a data directory that may hold a history.
	 */
	ServiceProcess peer(String username, int port, int trackerPort, Path dataDir) throws IOException {
		var args = new ArrayList<>(README_PEER_OPTIONS);
		args.addAll(List.of("-jar", this.jars.peer().toString()));
		args.addAll(peerArgs(username, port, trackerPort, dataDir));
		return ServiceProcess.startJava(username, port, args, this.logDir);
	}

	/** A peer started as its container image starts it. */
	ServiceProcess deployedPeer(DeployedLayout layout, String username, int port, int trackerPort) throws IOException {
		return deployedPeer(layout, username, port, trackerPort, freshDataDir(username));
	}

	/**
	 * A peer started as its container image starts it, on a data directory that may hold
	 * a history.
	 */
	ServiceProcess deployedPeer(DeployedLayout layout, String username, int port, int trackerPort, Path dataDir)
			throws IOException {
		var args = new ArrayList<>(layout.jvmArgs());
		args.addAll(peerArgs(username, port, trackerPort, dataDir));
		return ServiceProcess.startJava(username, port, args, this.logDir);
	}

	/** Extracts the peer's jar and trains its AOT cache, as the image build does. */
	DeployedLayout deployedPeerLayout() throws IOException {
		return DeployedLayout.prepare(this.jars.peer(), this.logDir.resolveSibling("deployed-peer"), this.logDir);
	}

	/**
	 * A peer whose main is the benchmark's driver, so that its mesh can be driven
	 * in-process; with the README's JVM options.
	 */
	ServiceProcess drivenPeer(String username, int port, int trackerPort, int index, int controlPort)
			throws IOException {
		var args = new ArrayList<>(README_PEER_OPTIONS);
		args.addAll(extraJvmOptions());
		args.addAll(List.of("-cp", this.jars.peer().toString(), "-Dloader.path=" + this.jars.driver(),
				"-Dloader.main=dev.p2pchat.bench.node.PeerDriver", "-Dbench.control=" + controlPort,
				"-Dbench.index=" + index, PROPERTIES_LAUNCHER));
		args.addAll(peerArgs(username, port, trackerPort));
		return ServiceProcess.startJava(username, port, args, this.logDir);
	}

	/**
	 * JVM options for the driven peers from {@code BENCH_PEER_JVM_OPTS}, e.g. to profile
	 * them:
	 * {@code -XX:StartFlightRecording=filename=bench-out/peer.jfr,settings=profile}.
	 */
	private static List<String> extraJvmOptions() {
		String options = System.getenv("BENCH_PEER_JVM_OPTS");
		return (options == null || options.isBlank()) ? List.of() : List.of(options.trim().split("\\s+"));
	}

	/** Every benchmarked peer's owner token: its API answers its owner only. */
	static final String API_TOKEN = "bench-owner-token-0123456789";

	/** The header line of the owner's token, for requests written byte by byte. */
	static final String AUTHORIZATION = "Authorization: Bearer " + API_TOKEN + "\r\n";

	/** A fresh data directory per peer process: no history from an earlier run. */
	private static List<String> peerArgs(String username, int port, int trackerPort) throws IOException {
		return peerArgs(username, port, trackerPort, freshDataDir(username));
	}

	static Path freshDataDir(String username) throws IOException {
		return Files.createTempDirectory("bench-" + username + "-");
	}

	private static List<String> peerArgs(String username, int port, int trackerPort, Path dataDir) {
		return List.of("--server.port=" + port, "--server.address=127.0.0.1", "--p2pchat.peer.username=" + username,
				"--p2pchat.peer.tracker-url=http://127.0.0.1:" + trackerPort,
				"--p2pchat.peer.advertised-url=http://127.0.0.1:" + port, "--p2pchat.peer.data-dir=" + dataDir,
				"--p2pchat.peer.api-token=" + API_TOKEN,
				// every simulated peer and load connection comes from 127.0.0.1: W3's 200
				// simulated peers are more than the 32 links per address
				"--p2pchat.peer.limits.links-per-address=1024",
				"--p2pchat.peer.http.max-connections-per-address=100000",
				"--p2pchat.peer.http.max-upgrades-per-second-per-address=100000");
	}

	ServiceProcess bareHttp(int port) throws IOException {
		return ServiceProcess.startJava("bare-http", port,
				List.of("-jar", this.jars.bench().toString(), "bare-http", String.valueOf(port)), this.logDir);
	}

	ServiceProcess wsNode(int index, List<Integer> ports, int controlPort) throws IOException {
		return meshNode("ws-node", index, ports, controlPort);
	}

	ServiceProcess tcpNode(int index, List<Integer> ports, int controlPort) throws IOException {
		return meshNode("tcp-node", index, ports, controlPort);
	}

	private ServiceProcess meshNode(String kind, int index, List<Integer> ports, int controlPort) throws IOException {
		String all = String.join(",", ports.stream().map(String::valueOf).toList());
		return ServiceProcess.startJava(kind + "-" + index, ports.get(index), List.of("-jar",
				this.jars.bench().toString(), kind, String.valueOf(index), all, String.valueOf(controlPort)),
				this.logDir);
	}

}
