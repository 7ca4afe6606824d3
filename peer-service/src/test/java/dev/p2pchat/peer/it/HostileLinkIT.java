package dev.p2pchat.peer.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.link.frame.MessageTag;
import dev.p2pchat.link.handshake.LinkHandshake;
import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.mesh.LinkState;
import dev.p2pchat.peer.messaging.ChatEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Bad frames, lying handshakes and forged senders against {@code /ws/peer} close only the
 * offending link; alice and bob go on chatting. Also speaks the protocol by hand (with
 * the test's own keys) to check batches, acks and duplicate suppression.
 */
class HostileLinkIT {

	private static TrackerProcess tracker;

	private static TestPeer alice;

	private static TestPeer bob;

	private RawLink raw;

	@BeforeAll
	static void startChat() {
		tracker = TrackerProcess.start();
		// every test links from 127.0.0.1, some 40 times in a second: the bound on
		// upgrades
		// per address and second (StrangerFloodIT) is raised out of their way
		Map<String, Object> fastHandshake = Map.of("p2pchat.peer.link.handshake-timeout", "3s",
				"p2pchat.peer.http.max-upgrades-per-second-per-address", 1000);
		alice = TestPeer.start("alice", tracker.url(), fastHandshake);
		bob = TestPeer.start("bob", tracker.url(), fastHandshake);
		await().atMost(Duration.ofSeconds(10)).until(() -> alice.mesh().liveLinks() == 1);
	}

	@AfterAll
	static void stopChat() {
		if (alice != null) {
			alice.close();
		}
		if (bob != null) {
			bob.close();
		}
		if (tracker != null) {
			tracker.close();
		}
	}

	@AfterEach
	void closeRawLink() {
		if (this.raw != null) {
			this.raw.close();
		}
	}

	@Test
	void garbageFrameAfterHandshakeClosesOnlyThatLink() throws Exception {
		this.raw = linkedAs(FakePeer.register(tracker.url(), "mallory"));

		// a batch whose count of messages is larger than the bytes that follow
		this.raw.sendSealed(new byte[] { 0x01, '}', '{', ' ', 'n', 'o', 't', ' ', 'a', ' ', 'f', 'r', 'a', 'm', 'e' });

		awaitClosed(1007);
		assertAliceAndBobStillChat();
	}

	@Test
	void typingFloodFromALinkIsRelayedOncePerSecond() {
		var seen = new CopyOnWriteArrayList<ChatEvent.Typing>();
		try (AutoCloseable subscription = alice.chat().subscribe((event) -> {
			if (event instanceof ChatEvent.Typing typing) {
				seen.add(typing);
			}
		})) {
			this.raw = linkedAs(FakePeer.register(tracker.url(), "chatty"));

			for (int i = 0; i < 20; i++) {
				this.raw.send(new Frame.Typing(true));
			}

			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
			assertThat(seen.getFirst().from()).isEqualTo("chatty");
			assertThat(seen.getFirst().to()).isEqualTo("alice");
			assertThat(this.raw.closeCode()).isEqualTo(-1);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void unknownFrameTypeClosesTheLink() throws Exception {
		this.raw = linkedAs(FakePeer.register(tracker.url(), "trudy"));

		this.raw.sendSealed(new byte[] { 0x7E, 0x01 });

		awaitClosed(1003);
		assertThat(this.raw.closeReason()).contains("unknown frame type");
	}

	@Test
	void oversizeFrameClosesOnlyThatLink() {
		this.raw = RawLink.open(alice.url());

		this.raw.send(new byte[600_000]);

		awaitClosed(1009);
		assertAliceAndBobStillChat();
	}

	@Test
	void textFrameClosesTheLinkNamingTheProtocol() {
		this.raw = RawLink.open(alice.url());

		this.raw.sendText("{\"type\":\"hello\",\"version\":1,\"peerId\":\"" + bob.id() + "\"}");

		awaitClosed(1002);
		assertThat(this.raw.closeReason()).contains("link protocol 3");
	}

	@Test
	void helloOfTheOlderProtocolIsRefusedNamingBothVersions() {
		this.raw = RawLink.open(alice.url());
		byte[] hello = LinkHandshake.dialler(Identity.generate(), new LinkHandshake.Details("old", "http://old", "e1"))
			.hello();
		hello[4] = 2;

		this.raw.send(hello);

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("unsupported protocol version 2 (this peer speaks 3)");
	}

	@Test
	void forgedHandshakeWithBobsPublicDataDeliversNothingAndLeavesBobsLinkUp() throws Exception {
		this.raw = RawLink.open(alice.url());
		PeerLinkWatch watch = PeerLinkWatch.of(alice, bob.id());

		// everything bob publishes, but not his private key
		this.raw.handshake(Identity.generate(), "bob", bob.url(), "e1");

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("not listed");
		assertThat(alice.mesh().linkState(bob.id())).isEqualTo(LinkState.CONNECTED);
		watch.assertUntouched();
		assertAliceAndBobStillChat();
	}

	@Test
	void registeredPeerClaimingAnotherNameInItsHandshakeIsRefused() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mallory2");
		this.raw = RawLink.open(alice.url());

		this.raw.handshake(mallory.identity(), "bob", mallory.url(), "e1");

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("disagrees");
		assertAliceAndBobStillChat();
	}

	@Test
	void handshakeFromUnlistedPeerClosesTheLink() throws Exception {
		double refusedBefore = handshakeFailures(alice, "not-listed");
		this.raw = RawLink.open(alice.url());

		this.raw.handshake(Identity.generate(), "ghost", FakePeer.NOWHERE, "e1");

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("not listed");
		assertThat(handshakeFailures(alice, "not-listed")).isEqualTo(refusedBefore + 1);
	}

	@Test
	void batchBeforeHandshakeClosesTheLink() {
		this.raw = RawLink.open(alice.url());

		this.raw.send("{\"type\":\"batch\",\"seq\":1,\"messages\":[{}]}".getBytes());

		awaitClosed(1008);
		assertThat(this.raw.closeReason()).contains("handshake refused");
	}

	@Test
	void silentCallerIsDisconnectedAfterTheHandshakeTimeout() {
		double timeoutsBefore = handshakeFailures(alice, "timeout");
		this.raw = RawLink.open(alice.url());
		Instant opened = Instant.now();

		await().atMost(Duration.ofSeconds(5)).until(this.raw::gone);

		// the timeout is 3 s here: the connection is gone well before 5 s, not after the
		// container's 30 s close timeout
		assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(5));
		assertThat(this.raw.closeCode()).isIn(-1, 1008);
		assertThat(handshakeFailures(alice, "timeout")).isGreaterThan(timeoutsBefore);
	}

	@Test
	void upgradeFromABrowserPageIsRefused() {
		double forbiddenBefore = handshakeFailures(alice, "forbidden");
		try (HttpClient http = HttpClient.newHttpClient()) {
			var upgrade = http.newWebSocketBuilder()
				.header("Origin", "http://evil.example")
				.buildAsync(URI.create(alice.url().toString().replaceFirst("^http", "ws") + "/ws/peer"),
						new WebSocket.Listener() {
						});

			assertThatExceptionOfType(CompletionException.class).isThrownBy(upgrade::join)
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
		}
		assertThat(handshakeFailures(alice, "forbidden")).isEqualTo(forbiddenBefore + 1);
	}

	@Test
	void floodOfSilentUpgradesIsBoundedAndCostsNobodyElse() {
		List<RawLink> flood = new ArrayList<>();
		int refused = 0;
		double tooManyBefore = handshakeFailures(alice, "too-many");
		try {
			for (int i = 0; i < 40; i++) {
				try {
					flood.add(RawLink.open(alice.url()));
				}
				catch (CompletionException ex) {
					assertThat(ex).hasCauseInstanceOf(WebSocketHandshakeException.class);
					assertThat(((WebSocketHandshakeException) ex.getCause()).getResponse().statusCode()).isEqualTo(503);
					refused++;
				}
			}

			assertThat(flood).hasSize(16);
			assertThat(refused).isEqualTo(24);
			assertThat(handshakeFailures(alice, "too-many")).isEqualTo(tooManyBefore + 24);
			assertAliceAndBobStillChat();
			await().atMost(Duration.ofSeconds(6)).until(() -> flood.stream().allMatch(RawLink::gone));
			flood.add(RawLink.open(alice.url()));
		}
		finally {
			flood.forEach(RawLink::close);
		}
	}

	@Test
	void invalidMessageInBatchClosesTheLink() throws Exception {
		this.raw = linkedAs(FakePeer.register(tracker.url(), "eve"));

		this.raw.sendSealed(FrameCodec.encode(RawLink.batch(1,
				MessageRecord.builder().string(MessageTag.ID, "not-a-uuid").string(MessageTag.TEXT, "hi").build())));

		awaitClosed(1007);
	}

	@Test
	void messageCannotClaimAnotherSenderItIsTheLinksPeers() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mal3");
		this.raw = linkedAs(mallory);
		String text = "from bob, honest " + UUID.randomUUID();
		// protocol 3 has no sender field: bob's peerId under a tag alice does not know
		MessageRecord claim = MessageRecord.read(concat(message("mal3", null, null, text).toByteArray(),
				new byte[] { 40, (byte) bob.id().length() }, bob.id().getBytes(StandardCharsets.US_ASCII)));

		this.raw.send(RawLink.batch(1, claim));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(alice.received()).filteredOn((message) -> message.text().equals(text))
				.singleElement()
				.satisfies((message) -> assertThat(message.fromId()).isEqualTo(mallory.id())));
		assertThat(alice.received()).filteredOn((message) -> message.fromId().equals(bob.id()))
			.extracting((message) -> message.text())
			.doesNotContain(text);
		assertThat(this.raw.closeCode()).isEqualTo(-1);
	}

	@Test
	void messageClaimingAnotherPeersNameIsRefused() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mal4");
		this.raw = linkedAs(mallory);
		String text = "it is me, bob " + UUID.randomUUID();

		this.raw.send(RawLink.batch(1, message("bob", null, null, text)));

		awaitClosed(1007);
		assertThat(alice.receivedTexts()).doesNotContain(text);
	}

	@Test
	void messageUnderAFormerNameOfTheSenderIsShownUnderItsListedName() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mal6");
		this.raw = linkedAs(mallory);
		String text = "an old name of mine " + UUID.randomUUID();

		// nobody holds "formerly" now: still, a listed sender's name is the listed one
		this.raw.send(RawLink.batch(1, message("formerly", null, null, text)));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(alice.received()).filteredOn((message) -> message.text().equals(text))
				.singleElement()
				.satisfies((message) -> assertThat(message.from()).isEqualTo("mal6")));
	}

	@Test
	void messageReusingTheIdOfAnotherSendersMessageShadowsNothingAndShowsUnderItsSender() throws Exception {
		String original = "alice's own " + UUID.randomUUID();
		UUID id = alice.chat().send(null, original).id();
		FakePeer mallory = FakePeer.register(tracker.url(), "mal7");
		this.raw = linkedAs(mallory);
		String text = "same id, my text " + UUID.randomUUID();

		this.raw.send(RawLink.batch(1, RawLink.message(id, "mal7", null, null, text, Instant.now())));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.raw.frames()).contains(new Frame.Ack(1)));
		// an id is its sender's: alice's message stays hers; mallory's is another message
		assertThat(alice.chat().find(id))
			.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo(original));
		assertThat(alice.chat().find(id, mallory.id()))
			.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo(text));
		assertThat(alice.received()).filteredOn((message) -> message.text().equals(text))
			.singleElement()
			.satisfies((message) -> assertThat(message.fromId()).isEqualTo(mallory.id()));
	}

	@Test
	void messageSentLongerAgoThanTheWindowIsRefused() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mal8");
		this.raw = linkedAs(mallory);

		this.raw
			.send(RawLink.batch(1, RawLink.message(UUID.randomUUID(), "mal8", null, null, "ancient", Instant.EPOCH)));

		awaitClosed(1007);
		assertThat(this.raw.closeReason()).contains("sentAt", "in the past");
		assertThat(alice.receivedTexts()).doesNotContain("ancient");
	}

	@Test
	void messageWithABlankTextIsRefused() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mal9");
		this.raw = linkedAs(mallory);

		this.raw.send(RawLink.batch(1, message("mal9", null, null, "   ")));

		awaitClosed(1007);
		assertThat(this.raw.closeReason()).contains("text of 3 characters");
	}

	@Test
	void privateMessageForSomeoneElseIsRefused() throws Exception {
		FakePeer mallory = FakePeer.register(tracker.url(), "mal5");
		this.raw = linkedAs(mallory);
		String text = "psst " + UUID.randomUUID();

		this.raw.send(RawLink.batch(1, message("mal5", bob.id(), "bob", text)));

		awaitClosed(1007);
		assertThat(alice.receivedTexts()).doesNotContain(text);
	}

	@Test
	void batchWhenSentTwiceIsDeliveredOnceAndAcknowledged() throws Exception {
		FakePeer oscar = FakePeer.register(tracker.url(), "oscar");
		this.raw = linkedAs(oscar);
		String text = "by hand " + UUID.randomUUID();
		Frame.Batch batch = RawLink.batch(1, message("oscar", null, null, text));

		this.raw.send(batch);
		this.raw.send(batch);

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.raw.frames()).contains(new Frame.Ack(1)));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(alice.receivedTexts()).containsOnlyOnce(text));
		assertThat(alice.received()).filteredOn((message) -> message.text().equals(text))
			.singleElement()
			.satisfies((message) -> assertThat(message.fromId()).isEqualTo(oscar.id()));
		assertThat(this.raw.closeCode()).isEqualTo(-1);
	}

	@Test
	void linkWhenPeerFallsSilentIsDeclaredDeadWithinTenSeconds() throws Exception {
		FakePeer zed = FakePeer.register(tracker.url(), "zed");
		this.raw = linkedAs(zed);
		await().atMost(Duration.ofSeconds(5)).until(() -> alice.mesh().linkState(zed.id()) == LinkState.CONNECTED);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.raw.closeCode()).isEqualTo(4500));

		assertThat(this.raw.closeReason()).contains("no traffic");
		assertThat(alice.mesh().linkState(zed.id())).isNotEqualTo(LinkState.CONNECTED);
		assertAliceAndBobStillChat();
	}

	private RawLink linkedAs(FakePeer peer) throws Exception {
		RawLink link = RawLink.open(alice.url());
		var acceptor = link.handshake(peer.identity(), peer.username(), peer.url(), "epoch-" + peer.id());
		assertThat(acceptor.identity().peerId()).isEqualTo(alice.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> alice.mesh().linkState(peer.id()) == LinkState.CONNECTED);
		return link;
	}

	private static MessageRecord message(String from, String toId, String to, String text) {
		return RawLink.message(UUID.randomUUID(), from, toId, to, text, Instant.now());
	}

	private static byte[] concat(byte[]... parts) {
		var out = new java.io.ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** The value of {@code p2pchat_links_handshake_failures_total} for that reason. */
	private static double handshakeFailures(TestPeer peer, String reason) {
		String series = "p2pchat_links_handshake_failures_total{application=\"peer-service\",reason=\"" + reason
				+ "\"} ";
		return peer.get("/actuator/prometheus")
			.getBody()
			.lines()
			.filter((line) -> line.startsWith(series))
			.mapToDouble((line) -> Double.parseDouble(line.substring(series.length())))
			.findFirst()
			.orElseThrow(() -> new AssertionError("not exported: " + series));
	}

	private void awaitClosed(int code) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.raw.closeCode()).isEqualTo(code));
	}

	private static void assertAliceAndBobStillChat() {
		String text = "still here " + UUID.randomUUID();
		alice.chat().send(null, text);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(bob.receivedTexts()).contains(text));
	}

}
