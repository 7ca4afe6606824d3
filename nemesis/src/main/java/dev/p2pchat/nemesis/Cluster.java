package dev.p2pchat.nemesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tracker and some peers, real processes from the built jars on loopback, each behind
 * its {@link FaultProxy}: the peers advertise their proxies' URLs and reach the tracker
 * through its proxy, so every link and every tracker call crosses the {@link Network}.
 * The harness itself calls each node on its own port. One peer's data directory may be a
 * small tmpfs ({@link DiskFill}).
 */
public final class Cluster implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** The tracker's lease: pauses "past the lease" last longer than this. */
	public static final Duration LEASE = Duration.ofSeconds(10);

	/** Messages not acknowledged within this are failed: quiescence waits that long. */
	public static final Duration OUTBOX_MAX_AGE = Duration.ofSeconds(30);

	private static final Duration STARTUP = Duration.ofSeconds(180);

	private final SocketOwners owners = new SocketOwners();

	private final Network network = new Network();

	private final Node tracker;

	private final List<Node> peers = new ArrayList<>();

	private final @Nullable DiskFill disk;

	private final Path workDir;

	private Cluster(Settings settings) throws IOException {
		this.workDir = settings.workDir();
		Files.createDirectories(this.workDir);
		Path logs = this.workDir.resolve("logs");
		Path trackerJar = copy(settings.trackerJar(), "tracker.jar");
		Path peerJar = copy(settings.peerJar(), "peer.jar");
		int trackerPort = Ports.free();
		this.tracker = new Node("tracker", true, trackerJar, trackerPort,
				List.of("--p2pchat.tracker.lease=" + LEASE.toSeconds() + "s", "--p2pchat.tracker.log-interval=60s"),
				logs, this.owners, null);
		this.tracker.proxy(new FaultProxy("tracker", trackerPort, this.network, this.owners));
		DiskFill fill = null;
		for (int i = 1; i <= settings.peers(); i++) {
			String name = "n" + i;
			Path dataDir = this.workDir.resolve("data").resolve(name);
			if (i == settings.peers()) {
				fill = DiskFill.mount(this.workDir.resolve("tmpfs-" + name), settings.requireTmpfs());
				if (fill != null) {
					dataDir = fill.dataDir();
				}
			}
			Files.createDirectories(dataDir);
			int port = Ports.free();
			var proxy = new FaultProxy(name, port, this.network, this.owners);
			String token = "nemesis-token-of-" + name;
			var peer = new Node(name, false, peerJar, port,
					List.of("--p2pchat.peer.username=" + name, "--p2pchat.peer.data-dir=" + dataDir,
							"--p2pchat.peer.api-token=" + token,
							"--p2pchat.peer.tracker-url=" + this.tracker.proxy().url(),
							"--p2pchat.peer.advertised-url=" + proxy.url(), "--p2pchat.peer.renew-interval=2s",
							"--p2pchat.peer.link.ping-interval=1s", "--p2pchat.peer.backoff.max=1s",
							"--p2pchat.peer.outbox.max-age=" + OUTBOX_MAX_AGE.toSeconds() + "s",
							"--p2pchat.peer.history-size=200000", "--spring.main.banner-mode=off"),
					logs, this.owners, token);
			peer.proxy(proxy);
			this.peers.add(peer);
		}
		this.disk = fill;
	}

	/**
	 * @param trackerJar the tracker-service jar
	 * @param peerJar the peer-service jar
	 * @param peers how many peers
	 * @param workDir data directories, logs and the report
	 * @param requireTmpfs fail (rather than skip the full-disk fault) when a tmpfs cannot
	 * be mounted
	 */
	public record Settings(Path trackerJar, Path peerJar, int peers, Path workDir, boolean requireTmpfs) {
	}

	/** Starts the tracker, then the peers one by one, and waits until all are linked. */
	public static Cluster start(Settings settings) throws IOException {
		var cluster = new Cluster(settings);
		// the processes must not outlive the harness (a timeout, Ctrl-C, a failed test)
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "nemesis-stop"));
		try {
			cluster.tracker.start();
			cluster.tracker.awaitReady(STARTUP);
			for (Node peer : cluster.peers) {
				peer.start();
				peer.awaitReady(STARTUP);
			}
			cluster.awaitLinked(STARTUP);
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** A private copy: the build may replace the jar while the processes run. */
	private Path copy(Path jar, String name) throws IOException {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build tracker-service and peer-service first");
		}
		return Files.copy(jar, this.workDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	public Node tracker() {
		return this.tracker;
	}

	public List<Node> peers() {
		return this.peers;
	}

	public Network network() {
		return this.network;
	}

	public @Nullable DiskFill disk() {
		return this.disk;
	}

	public Path workDir() {
		return this.workDir;
	}

	public Node peer(String name) {
		return this.peers.stream().filter((peer) -> peer.name().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * Heals everything: the network, paused and dead processes, the clock offsets, the
	 * full disk; then waits until every peer is linked to every other.
	 */
	public void heal() {
		this.network.clear();
		if (this.disk != null) {
			this.disk.empty();
		}
		List<Node> all = new ArrayList<>(this.peers);
		all.addFirst(this.tracker);
		for (Node node : all) {
			if (node.paused()) {
				node.resume();
			}
			if (!node.clockOffset().isZero()) {
				node.stop();
				node.clockOffset(Duration.ZERO);
			}
			if (!node.alive()) {
				node.start();
			}
			node.awaitReady(STARTUP);
		}
		awaitLinked(Duration.ofSeconds(120));
	}

	/** Waits until every peer shows every other as connected. */
	public void awaitLinked(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String missing = "";
		while (System.nanoTime() < deadline) {
			missing = unlinked();
			if (missing.isEmpty()) {
				return;
			}
			Sleep.of(Duration.ofMillis(500));
		}
		throw new IllegalStateException("not linked within " + timeout + ": " + missing);
	}

	private String unlinked() {
		List<String> missing = new ArrayList<>();
		for (Node peer : this.peers) {
			Http.Answer answer = peer.get("/peers");
			if (answer.status() != 200) {
				missing.add(peer + " answers " + answer.status());
				continue;
			}
			Map<String, String> links = new HashMap<>();
			for (JsonNode entry : JSON.readTree(answer.body())) {
				links.put(entry.path("username").asString(), entry.path("link").asString());
			}
			for (Node other : this.peers) {
				if (other != peer && !"connected".equals(links.get(other.name()))) {
					missing.add(peer + "->" + other + ":" + links.get(other.name()));
				}
			}
		}
		return String.join(", ", missing);
	}

	/**
	 * A peer's whole history, oldest first, read a page at a time with {@code before=}.
	 */
	public List<Shown> history(Node peer) {
		List<Shown> newestPagesFirst = new ArrayList<>();
		List<Shown> page = page(peer, "/messages?limit=1000");
		while (!page.isEmpty()) {
			newestPagesFirst.addAll(0, page);
			page = page(peer, "/messages?limit=1000&before=" + page.getFirst().id());
		}
		return newestPagesFirst;
	}

	private static List<Shown> page(Node peer, String path) {
		Http.Answer answer = peer.get(path);
		if (answer.status() != 200) {
			throw new IllegalStateException(peer + " " + path + " answered " + answer.status() + ": " + answer.body());
		}
		List<Shown> page = new ArrayList<>();
		for (JsonNode message : JSON.readTree(answer.body())) {
			JsonNode to = message.path("to");
			page.add(new Shown(message.path("id").asString(), message.path("from").asString(),
					(to.isNull() || to.isMissingNode()) ? null : to.asString(), message.path("text").asString()));
		}
		return page;
	}

	/**
	 * The sender's delivery state per recipient of one message, or null when it does not
	 * know the message.
	 */
	public @Nullable Map<String, String> states(Node sender, String id) {
		Http.Answer answer = sender.get("/messages/" + id);
		if (answer.status() == 404) {
			return null;
		}
		if (answer.status() != 200) {
			throw new IllegalStateException(sender + " GET /messages/" + id + " answered " + answer.status());
		}
		Map<String, String> states = new HashMap<>();
		for (JsonNode recipient : JSON.readTree(answer.body()).path("recipients")) {
			states.put(recipient.path("username").asString(), recipient.path("state").asString());
		}
		return states;
	}

	@Override
	public void close() {
		List<Node> all = new ArrayList<>(this.peers);
		all.add(this.tracker);
		all.parallelStream().forEach((node) -> {
			try {
				node.kill();
			}
			catch (RuntimeException ex) {
				// best effort
			}
		});
		all.forEach((node) -> node.proxy().close());
		if (this.disk != null) {
			this.disk.close();
		}
	}

	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
