package dev.p2pchat.peer.it;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.MessageRecord;
import dev.p2pchat.peer.mesh.LinkState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registered peer (its own key, a tracker record, a completed handshake) attacks a
 * victim started from its jar as the image starts it (256 MB heap, exit on
 * {@code OutOfMemoryError}): oversize or lying messages, hundreds of identities, a flood,
 * a catch-up reconnect loop, and another sender's ids. Each attack is bounded in count
 * and time, on loopback; afterwards the victim is alive, answers its owner within a
 * second, keeps chatting with alice and bob, and its heap stays under its bound.
 */
class HostilePeerIT {

	/** The victim's heap holds at most this much after an attack (of 256 MB). */
	private static final double LIVE_HEAP_BOUND_MB = 160;

	private static final int MESSAGES_PER_SECOND = 300;

	private static TrackerProcess tracker;

	private static PeerJar victim;

	private static String victimId;

	private static TestPeer alice;

	private static TestPeer bob;

	@BeforeAll
	static void startChat() {
		// many identities from one test: the registration allowance per address and the
		// Sybil limits (all of loopback is one network) are raised
		tracker = TrackerProcess.start(List.of("--p2pchat.tracker.rate-limit.registrations=2000",
				"--p2pchat.tracker.sybil.per-address=2000", "--p2pchat.tracker.sybil.per-prefix=2000"),
				Duration.ofSeconds(60));
		// the identities link at once, from few addresses: faster than the strangers'
		// bound
		// of upgrades per address and second, which is not what these tests are about
		victim = PeerJar.start("victim", tracker.url(),
				"--p2pchat.peer.limits.link-messages-per-second=" + MESSAGES_PER_SECOND,
				"--p2pchat.peer.http.max-upgrades-per-second-per-address=1000");
		victimId = victim.id();
		alice = TestPeer.start("alice", tracker.url());
		bob = TestPeer.start("bob", tracker.url());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> alice.mesh().linkState(victimId) == LinkState.CONNECTED
					&& bob.mesh().linkState(victimId) == LinkState.CONNECTED);
	}

	@AfterAll
	static void stopChat() {
		for (AutoCloseable running : new AutoCloseable[] { alice, bob, victim, tracker }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// stopping the rest matters more
			}
		}
	}

	@Test
	void messagesBreakingTheRulesOfSentOnesCloseTheLinkWith1007AndShowNothing() throws Exception {
		double textRefusals = refused("text-length");
		double nameRefusals = refused("username");
		double sentAtRefusals = refused("sent-at");
		String big = "x".repeat(65_536);
		String huge = "bob".repeat(33_000);

		FakePeer first = FakePeer.register(tracker.url(), "bigtext");
		try (RawLink link = linkedAs(first)) {
			link.send(RawLink.batch(1, message(UUID.randomUUID(), first, null, null, big, Instant.now())));
			awaitClosed(link, 1007);
			assertThat(link.closeReason()).contains("65536 characters", "1 to 4096");
		}
		FakePeer second = FakePeer.register(tracker.url(), "hugeto");
		try (RawLink link = linkedAs(second)) {
			link.send(RawLink.batch(1, message(UUID.randomUUID(), second, victimId, huge, "hi", Instant.now())));
			awaitClosed(link, 1007);
			assertThat(link.closeReason()).contains("not a valid username");
		}
		FakePeer third = FakePeer.register(tracker.url(), "future");
		try (RawLink link = linkedAs(third)) {
			link.send(RawLink.batch(1, message(UUID.randomUUID(), third, null, null, "from the future",
					Instant.parse("+999999999-12-31T23:59:59Z"))));
			awaitClosed(link, 1007);
			assertThat(link.closeReason()).contains("sentAt");
		}

		assertThat(victim.messages()).extracting((message) -> message.path("from").asString())
			.doesNotContain("bigtext", "hugeto", "future");
		assertThat(refused("text-length")).isEqualTo(textRefusals + 1);
		assertThat(refused("username")).isEqualTo(nameRefusals + 1);
		assertThat(refused("sent-at")).isEqualTo(sentAtRefusals + 1);
		assertVictimWell("big texts, huge to, absurd sentAt");
	}

	@Test
	void fourHundredIdentitiesLinkingAreHeldToMaxLinksWhileAliceAndBobKeepChatting() throws Exception {
		// the victim holds messages from alice and bob: they are peers it has a
		// conversation with
		String hello = "before the sybils " + UUID.randomUUID();
		alice.chat().send(null, hello);
		bob.chat().send(null, hello);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> victim.messages()
				.stream()
				.filter((message) -> message.path("text").asString().equals(hello))
				.count() == 2);
		List<FakePeer> sybils = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			sybils.add(FakePeer.register(tracker.url(), "sybil" + i));
		}
		List<HttpClient> addresses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			addresses.add(HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0." + (10 + i))).build());
		}
		List<RawLink> links = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService pinger = keepAlive(links);
		try (ExecutorService dialling = Executors.newFixedThreadPool(8)) {
			List<Future<?>> dials = new ArrayList<>();
			for (int i = 0; i < sybils.size(); i++) {
				FakePeer sybil = sybils.get(i);
				HttpClient from = addresses.get(i % addresses.size());
				dials.add(dialling.submit(() -> links.add(linkedAs(sybil, from))));
			}
			for (Future<?> dial : dials) {
				dial.get(60, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> links.stream().allMatch((link) -> link.gone() || !link.frames().isEmpty()));

			// alice and bob have a conversation with the victim: if the flood starves
			// their
			// link into a timeout, their redial evicts a stranger rather than being
			// refused
			await().atMost(Duration.ofSeconds(20))
				.until(() -> alice.mesh().linkState(victimId) == LinkState.CONNECTED
						&& bob.mesh().linkState(victimId) == LinkState.CONNECTED);
			long refused = links.stream().filter((link) -> link.closeCode() == 1013).count();
			long open = links.stream().filter((link) -> !link.gone()).count();
			double live = victim.metric("p2pchat.links.live");
			System.out.printf(
					"400 identities: %d open, %d closed with 1013, %d otherwise; %.0f links live on the victim%n", open,
					refused, 400 - open - refused, live);
			assertThat(live).isLessThanOrEqualTo(256);
			assertThat(open).isLessThanOrEqualTo(256 - 2);
			assertThat(refused).isGreaterThanOrEqualTo(400 - 256);
			assertThat(links).filteredOn((link) -> link.closeCode() == 1013)
				.allSatisfy((link) -> assertThat(link.closeReason()).isIn("too many links", "evicted: too many links"));
			assertThat(
					victim.metric("p2pchat.links.refused", "reason:max-links") + victim.metric("p2pchat.links.evicted"))
				.isGreaterThanOrEqualTo(refused);
			assertVictimWell("400 identities linking");
		}
		finally {
			pinger.shutdownNow();
			links.forEach(RawLink::close);
			addresses.forEach(HttpClient::shutdownNow);
		}
	}

	@Test
	void identitiesFromOneAddressAreHeldToTheirBound() throws Exception {
		HttpClient from = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.50")).build();
		List<RawLink> links = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService pinger = keepAlive(links);
		try {
			for (int i = 0; i < 40; i++) {
				links.add(linkedAs(FakePeer.register(tracker.url(), "oneaddr" + i), from));
			}
			await().atMost(Duration.ofSeconds(20))
				.until(() -> links.stream().allMatch((link) -> link.gone() || !link.frames().isEmpty()));

			assertThat(links).filteredOn((link) -> link.closeCode() == 1013)
				.hasSize(8)
				.allSatisfy((link) -> assertThat(link.closeReason()).isEqualTo("too many links from your address"));
			assertThat(victim.metric("p2pchat.links.per.address.max")).isEqualTo(32);
			assertVictimWell("40 identities from one address");
		}
		finally {
			pinger.shutdownNow();
			links.forEach(RawLink::close);
			from.shutdownNow();
		}
	}

	@Test
	void floodingLinkIsSlowedAloneWhileBobsMessagesKeepArriving() throws Exception {
		FakePeer flooder = FakePeer.register(tracker.url(), "flooder");
		double receivedBefore = victim.metric("p2pchat.messages.received");
		int batches = 30;
		try (RawLink link = linkedAs(flooder)) {
			Thread flood = Thread.ofVirtual().start(() -> {
				for (int b = 0; b < batches; b++) {
					List<MessageRecord> messages = new ArrayList<>();
					for (int i = 0; i < 100; i++) {
						messages.add(
								message(UUID.randomUUID(), flooder, null, null, "flood " + b + "." + i, Instant.now()));
					}
					link.send(new Frame.Batch(b * 100 + 1, messages));
				}
			});
			String text = "bob during the flood " + UUID.randomUUID();

			bob.chat().send(null, text);

			await().atMost(Duration.ofSeconds(10))
				.until(() -> victim.messages()
					.stream()
					.anyMatch((message) -> message.path("text").asString().equals(text)));
			double duringFlood = victim.metric("p2pchat.messages.received") - receivedBefore;
			assertThat(duringFlood).as("the flood's messages shown when bob's arrived").isLessThan(batches * 100);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> victim.metric("p2pchat.messages.received") - receivedBefore >= batches * 100 + 1);
			flood.join(Duration.ofSeconds(10));
			// slowed to the budget, not dropped: every message arrived, the reader waited
			assertThat(victim.metric("p2pchat.links.inbound.throttled")).isPositive();
			assertThat(link.closeCode()).isEqualTo(-1);
			assertVictimWell("a flood of " + batches * 100 + " messages on one link");
		}
	}

	@Test
	void reconnectLoopGetsTheCatchUpOnceNotEachTime() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(victim.post("/messages", "{\"text\":\"to catch up on " + i + "\"}").statusCode()).isEqualTo(202);
		}
		FakePeer looper = FakePeer.register(tracker.url(), "looper");
		double skippedBefore = victim.metric("p2pchat.links.catchup.skipped");
		List<Integer> served = new ArrayList<>();

		for (int round = 0; round < 10; round++) {
			try (RawLink link = linkedAs(looper)) {
				await().atMost(Duration.ofSeconds(10))
					.until(() -> link.frames().stream().anyMatch(Frame.Since.class::isInstance));
				await().pollDelay(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> true);
				served.add(link.frames()
					.stream()
					.filter(Frame.CatchUp.class::isInstance)
					.mapToInt((frame) -> ((Frame.CatchUp) frame).messages().size())
					.sum());
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> alice.mesh().linkState(victimId) == LinkState.CONNECTED
						&& linkStateOnVictim(looper.id()) != LinkState.CONNECTED);
		}

		System.out.printf("catch-up messages served per reconnect: %s%n", served);
		assertThat(served.getFirst()).isGreaterThanOrEqualTo(3);
		assertThat(served.subList(1, served.size())).containsOnly(0);
		assertThat(victim.metric("p2pchat.links.catchup.skipped")).isEqualTo(skippedBefore + 9);
		assertVictimWell("10 reconnects asking for the catch-up");
	}

	@Test
	void idSquattingLeavesTheOriginalSendersBroadcastsShownUnderTheirSender() throws Exception {
		TestPeer dave = TestPeer.start("dave", tracker.url());
		List<UUID> ids = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String text = "dave's own " + i + " " + UUID.randomUUID();
			ids.add(dave.chat().send(null, text).id());
			texts.add(text);
		}
		String daveId = dave.id();
		dave.stop();
		FakePeer impostor = FakePeer.register(tracker.url(), "impostor");
		try (TestPeer carol = TestPeer.start("carol", tracker.url())) {
			try (RawLink link = RawLink.open(carol.url())) {
				link.handshake(impostor.identity(), impostor.username(), impostor.url(), "epoch-impostor");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> carol.mesh().linkState(impostor.id()) == LinkState.CONNECTED);
				List<MessageRecord> squatted = new ArrayList<>();
				for (int i = 0; i < ids.size(); i++) {
					squatted.add(message(ids.get(i), impostor, null, null, "impostor's " + i, Instant.now()));
				}
				link.send(new Frame.Batch(1, squatted));
				await().atMost(Duration.ofSeconds(10)).until(() -> link.frames().contains(new Frame.Ack(6)));

				dave.start();

				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(
							() -> assertThat(carol.received()).filteredOn((message) -> message.fromId().equals(daveId))
								.extracting((message) -> message.text())
								.containsExactlyElementsOf(texts));
				assertThat(carol.received()).filteredOn((message) -> message.text().startsWith("impostor's"))
					.hasSize(6)
					.allSatisfy((message) -> {
						assertThat(message.fromId()).isEqualTo(impostor.id());
						assertThat(message.from()).isEqualTo("impostor");
					});
				assertThat(carol.chat().find(ids.getFirst(), daveId))
					.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo(texts.getFirst()));
				assertThat(carol.get("/messages/" + ids.getFirst() + "?from=" + daveId).getBody())
					.contains(texts.getFirst());
			}
		}
		finally {
			dave.close();
		}
	}

	/** Asserts the victim is alive, answers its owner within a second, and chats on. */
	private static void assertVictimWell(String attack) {
		assertThat(victim.alive()).as("victim alive after " + attack).isTrue();
		Duration owner = victim.ownerWait();
		double heap = victim.heapUsedMb();
		double live = victim.liveDataMb();
		System.out.printf("after %s: owner answered in %d ms, heap used %.0f MB, live after GC %.0f MB%n", attack,
				owner.toMillis(), heap, live);
		assertThat(owner).isLessThan(Duration.ofSeconds(1));
		assertThat(live).as("live heap after " + attack).isLessThan(LIVE_HEAP_BOUND_MB);
		String fromAlice = "alice still here " + UUID.randomUUID();
		alice.chat().send(null, fromAlice);
		String fromVictim = "victim still here " + UUID.randomUUID();
		assertThat(victim.post("/messages", "{\"text\":\"" + fromVictim + "\"}").statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(victim.messages()).extracting((message) -> message.path("text").asString())
				.contains(fromAlice));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(bob.receivedTexts()).contains(fromVictim));
	}

	private static LinkState linkStateOnVictim(String peerId) {
		for (JsonNode peer : victim.json("/peers")) {
			if (peer.path("peerId").asString().equals(peerId)) {
				return LinkState.valueOf(peer.path("link").asString().toUpperCase(java.util.Locale.ROOT));
			}
		}
		return LinkState.DOWN;
	}

	/** Writes a ping on every link every second, so that the victim keeps them open. */
	private static ScheduledExecutorService keepAlive(List<RawLink> links) {
		ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
		pinger.scheduleWithFixedDelay(() -> {
			for (RawLink link : List.copyOf(links)) {
				try {
					if (!link.gone()) {
						link.send(new Frame.Ping());
					}
				}
				catch (RuntimeException ex) {
					// closed meanwhile
				}
			}
		}, 1, 1, TimeUnit.SECONDS);
		return pinger;
	}

	private static RawLink linkedAs(FakePeer peer) throws Exception {
		RawLink link = RawLink.open(victim.url());
		link.handshake(peer.identity(), peer.username(), peer.url(), "epoch-" + UUID.randomUUID());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> link.gone() || link.frames().stream().anyMatch(Frame.Since.class::isInstance));
		return link;
	}

	private static RawLink linkedAs(FakePeer peer, HttpClient from) throws Exception {
		RawLink link = RawLink.open(victim.url(), from);
		link.handshake(peer.identity(), peer.username(), peer.url(), "epoch-" + UUID.randomUUID());
		return link;
	}

	private static double refused(String reason) {
		return victim.metric("p2pchat.links.frames.refused", "reason:" + reason);
	}

	private static void awaitClosed(RawLink link, int code) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(link.closeCode()).isEqualTo(code));
	}

	/** A message of {@code from}'s, to be sent on its link (which names its sender). */
	private static MessageRecord message(UUID id, FakePeer from, String toId, String to, String text, Instant sentAt) {
		return RawLink.message(id, from.username(), toId, to, text, sentAt);
	}

}
