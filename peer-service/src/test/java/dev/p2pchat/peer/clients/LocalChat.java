package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tracker and some peers, each a real process started from the built jars on loopback;
 * closing it destroys every process.
 */
final class LocalChat implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JarProcess tracker;

	private final List<JarProcess> peers = new ArrayList<>();

	private LocalChat(JarProcess tracker) {
		this.tracker = tracker;
	}

	/**
	 * Starts a tracker whose lease is long, so a peer gone at once has left by itself.
	 */
	static LocalChat start() {
		return start(new String[0]);
	}

	/** The same, with more arguments for the tracker. */
	static LocalChat start(String... trackerArgs) {
		List<String> args = new ArrayList<>(List.of("--p2pchat.tracker.lease=60s"));
		args.addAll(List.of(trackerArgs));
		return new LocalChat(JarProcess.start("tracker", JarProcess.jar("p2pchat.it.tracker-jar"),
				JarProcess.freePort(), args.toArray(String[]::new)));
	}

	JarProcess tracker() {
		return this.tracker;
	}

	/** The owner's token of the peer of that name. */
	static String token(String username) {
		return "it-owner-token-of-" + username;
	}

	/** Starts a peer process (not waiting for it) with a fresh data directory. */
	JarProcess peer(String username, String... extraArgs) {
		try {
			Path dataDir = Files.createTempDirectory("p2pchat-it-" + username + "-");
			return peer(username, JarProcess.freePort(), dataDir, extraArgs);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a peer process (not waiting for it) on this port with this data directory:
	 * the same port and directory as before are the same peer restarted.
	 */
	JarProcess peer(String username, int port, Path dataDir, String... extraArgs) {
		Path jar = JarProcess.jar("p2pchat.it.peer-jar");
		List<String> args = new ArrayList<>(List.of("--p2pchat.peer.username=" + username,
				"--p2pchat.peer.tracker-url=http://127.0.0.1:" + this.tracker.port(),
				"--p2pchat.peer.advertised-url=http://127.0.0.1:" + port, "--p2pchat.peer.data-dir=" + dataDir,
				"--p2pchat.peer.api-token=" + token(username)));
		args.addAll(List.of(extraArgs));
		JarProcess peer = JarProcess.start(username, jar, port, args.toArray(String[]::new)).withToken(token(username));
		this.peers.add(peer);
		return peer;
	}

	/** Forgets a peer process that was killed, so that {@link #close} skips it. */
	void forget(JarProcess peer) {
		this.peers.remove(peer);
	}

	/**
	 * Waits until every process is ready and every peer has a connected link to the
	 * others.
	 */
	void awaitLinked() {
		Stream.concat(Stream.of(this.tracker), this.peers.stream()).forEach(JarProcess::awaitReady);
		for (JarProcess peer : this.peers) {
			Map<String, String> expected = new HashMap<>();
			this.peers.stream()
				.filter((other) -> other != peer)
				.forEach((other) -> expected.put(other.name(), "connected"));
			await(peer.name() + " linked").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(links(peer)).containsAllEntriesOf(expected));
		}
	}

	/** The peer's view of the others: username to link state. */
	static Map<String, String> links(JarProcess peer) {
		Map<String, String> links = new HashMap<>();
		for (JsonNode entry : JSON.readTree(peer.get("/peers"))) {
			links.put(entry.path("username").asString(), entry.path("link").asString());
		}
		return links;
	}

	/** Usernames the tracker lists. */
	List<String> trackerUsernames() {
		List<String> names = new ArrayList<>();
		for (JsonNode entry : JSON.readTree(this.tracker.get("/peers"))) {
			names.add(entry.path("username").asString());
		}
		return names;
	}

	@Override
	public void close() {
		this.peers.forEach(JarProcess::close);
		this.tracker.close();
	}

}
