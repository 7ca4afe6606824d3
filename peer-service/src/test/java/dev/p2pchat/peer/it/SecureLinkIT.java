package dev.p2pchat.peer.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.identity.IdentityFile;
import dev.p2pchat.peer.mesh.LinkState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Someone on the network path between two real peers: a {@link TcpProxy} in front of the
 * accepting peer (bob) sees every byte of the link alice dials. It reads no message text,
 * a flipped bit closes the link without corrupting or losing anything, and a replayed
 * handshake displaces nothing.
 */
class SecureLinkIT {

	private static TrackerProcess tracker;

	private static TcpProxy proxy;

	private static TestPeer alice;

	private static TestPeer bob;

	@BeforeAll
	static void startChat() throws IOException {
		tracker = TrackerProcess.start();
		Path first = Files.createTempDirectory("p2pchat-secure-");
		Path second = Files.createTempDirectory("p2pchat-secure-");
		String firstId = IdentityFile.load(DataDirectory.open(first)).peerId();
		String secondId = IdentityFile.load(DataDirectory.open(second)).peerId();
		// the smaller peerId dials: alice gets that one, and bob is reached through the
		// proxy
		boolean firstDials = firstId.compareTo(secondId) < 0;
		proxy = TcpProxy.start();
		bob = TestPeer.start("bob", tracker.url(), Map.of("p2pchat.peer.data-dir", firstDials ? second : first,
				"p2pchat.peer.advertised-url", proxy.url().toString()));
		proxy.target(bob.url());
		alice = TestPeer.start("alice", tracker.url(), Map.of("p2pchat.peer.data-dir", firstDials ? first : second));
	}

	@AfterAll
	static void stopChat() {
		for (AutoCloseable closeable : new AutoCloseable[] { alice, bob, proxy, tracker }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// keep closing the rest
			}
		}
	}

	@BeforeEach
	void linked() {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> bob.mesh().linkState(alice.id()) == LinkState.CONNECTED
					&& alice.mesh().linkState(bob.id()) == LinkState.CONNECTED);
	}

	@Test
	void capturedBytesWhenChattingHoldNoMessageTextEitherWay() {
		String toBob = "secret for all " + UUID.randomUUID();
		String toAlice = "secret reply " + UUID.randomUUID();

		alice.chat().send(null, toBob);
		bob.chat().send("alice", toAlice);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(bob.receivedTexts()).contains(toBob);
			assertThat(alice.receivedTexts()).contains(toAlice);
		});
		assertThat(proxy.captures()).isNotEmpty();
		for (TcpProxy.Capture capture : proxy.captures()) {
			List<byte[]> fromAlice = WebSocketFrames.payloads(capture.sent());
			// unmasked correctly: the first frame is the handshake's hello
			assertThat(new String(fromAlice.getFirst(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("p2pl");
			for (byte[] stream : List.of(WebSocketFrames.joined(capture.sent()),
					WebSocketFrames.joined(capture.received()), capture.sent(), capture.received())) {
				assertThat(contains(stream, toBob)).isFalse();
				assertThat(contains(stream, toAlice)).isFalse();
				assertThat(contains(stream, "secret")).isFalse();
			}
		}
	}

	@Test
	void flippedBitClosesTheLinkAndTheMessagesArriveIntactOnceOnTheNextLink() {
		PeerLinkWatch watch = PeerLinkWatch.of(bob, alice.id());
		int connections = proxy.captures().size();
		String tag = "through a flipped bit " + UUID.randomUUID();

		proxy.flipNextChunkToTarget();
		for (int i = 0; i < 5; i++) {
			alice.chat().send(null, tag + " " + i);
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(proxy.flipPending()).isFalse();
			assertThat(bob.receivedTexts()).filteredOn((text) -> text.startsWith(tag)).hasSize(5);
		});
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(
					() -> assertThat(bob.receivedTexts().stream().filter((text) -> text.startsWith(tag)).toList())
						.containsExactly(tag + " 0", tag + " 1", tag + " 2", tag + " 3", tag + " 4"));
		assertThat(watch.changes()).isNotEmpty();
		assertThat(proxy.captures()).hasSizeGreaterThan(connections);
	}

	@Test
	void replayedHandshakeWhenSentByteForByteDisplacesNothing() throws Exception {
		byte[] earlier = proxy.captures().getFirst().sent();
		PeerLinkWatch watch = PeerLinkWatch.of(bob, alice.id());
		int received = bob.received().size();

		try (var socket = new Socket(InetAddress.getLoopbackAddress(), bob.url().getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(earlier);
			byte[] answer = readUntilClosed(socket.getInputStream());
			String head = new String(answer, 0, Math.min(answer.length, 200), StandardCharsets.ISO_8859_1);
			assertThat(head).startsWith("HTTP/1.1 101");
			List<byte[]> frames = WebSocketFrames.payloads(answer);
			// the acceptor's answer, then its close: 1008, the auth did not authenticate
			assertThat(frames).hasSizeGreaterThanOrEqualTo(2);
			byte[] close = frames.getLast();
			assertThat(((close[0] & 0xff) << 8) | (close[1] & 0xff)).isEqualTo(1008);
		}

		assertThat(alice.mesh().linkState(bob.id())).isEqualTo(LinkState.CONNECTED);
		String after = "after the replay " + UUID.randomUUID();
		alice.chat().send(null, after);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(after));
		assertThat(bob.received()).hasSize(received + 1);
		watch.assertUntouched();
	}

	private static byte[] readUntilClosed(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	private static boolean contains(byte[] stream, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		return WebSocketFrames.indexOf(stream, needle, 0) >= 0 || Arrays.equals(stream, needle);
	}

}
