package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a stranger (no token, no key) can do to a peer started as the image starts it (256
 * MB heap, exit on OutOfMemoryError), each attack bounded in count and time and on
 * loopback only: the victim stays up, answers its owner within a second throughout, keeps
 * its link to bob, and what the attack leaves live on its heap stays under a bound.
 */
class StrangerFloodIT {

	/** What an attack may leave live on the victim's heap beyond what it held before. */
	private static final double SMALL_ATTACK_MB = 24;

	private static LocalChat chat;

	private static JarProcess victim;

	private static KeptAlive owner;

	@BeforeAll
	static void start() {
		chat = LocalChat.start();
		victim = chat.peer("victim");
		chat.peer("bob");
		chat.awaitLinked();
		owner = new KeptAlive(victim);
		owner.timed("/messages?limit=1");
	}

	@AfterAll
	static void stop() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void postsWhenTheyCarryAForeignSessionCookieAreRefusedWithoutMakingASession() throws Exception {
		double before = owner.liveHeapMb();
		double sessionsBefore = owner.gauge("p2pchat.sessions.live");
		String cookie = "p2pchat-session-" + victim.port() + "=";
		HttpResponse<String> one = post(HttpClient.newHttpClient(), cookie + "made-up");
		assertThat(one.statusCode()).isEqualTo(401);
		assertThat(one.headers().allValues("Set-Cookie")).isEmpty();

		var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
		var withCookie = new AtomicInteger();
		long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		try (ExecutorService flood = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int t = 0; t < 8; t++) {
				flood.submit(() -> {
					HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
					for (int i = 0; i < 5_000 && System.nanoTime() < until; i++) {
						HttpResponse<String> answer = post(client, cookie + UUID.randomUUID());
						statuses.computeIfAbsent(answer.statusCode(), (key) -> new AtomicInteger()).incrementAndGet();
						if (!answer.headers().allValues("Set-Cookie").isEmpty()) {
							withCookie.incrementAndGet();
						}
					}
					return null;
				});
			}
			probeOwnerWhile(until);
		}
		double after = owner.liveHeapMb();
		int sent = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
		System.out.printf("session flood: %d posts %s, heap %.1f MB before, %.1f MB after; owner ms %s%n", sent,
				statuses, before, after, owner.latencies());

		assertThat(sent).as("the flood ran").isGreaterThan(1_000);
		assertThat(statuses.keySet()).containsOnly(401);
		assertThat(withCookie).as("answers that set a cookie").hasValue(0);
		assertThat(owner.gauge("p2pchat.sessions.live")).as("sessions the flood made").isEqualTo(sessionsBefore);
		assertVictimUnharmed(before, after, SMALL_ATTACK_MB);
	}

	@Test
	void signInsWhenMoreThanTheSessionBoundKeepOnlyTheNewest() throws Exception {
		HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		double before = owner.gauge("p2pchat.sessions.live");
		List<String> cookies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			HttpResponse<Void> signIn = browser.send(
					HttpRequest.newBuilder(victim.url("/?token=" + victim.token())).build(),
					HttpResponse.BodyHandlers.discarding());
			assertThat(signIn.statusCode()).isEqualTo(303);
			cookies.add(signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
		}

		assertThat(before).isLessThanOrEqualTo(16);
		assertThat(owner.gauge("p2pchat.sessions.live")).as("p2pchat.peer.max-sessions").isEqualTo(16);
		assertThat(session(browser, cookies.getLast())).as("the newest session").isEqualTo(200);
		assertThat(session(browser, cookies.getFirst())).as("the oldest, ended").isEqualTo(401);
	}

	private static int session(HttpClient browser, String cookie) throws Exception {
		return browser
			.send(HttpRequest.newBuilder(victim.url("/session")).header("Cookie", cookie).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	@Test
	void upgradesWhenChurnedAtSixtyASecondCostTheVictimNothingOnceClosed() throws Exception {
		double before = owner.liveHeapMb();
		var answers = new ConcurrentHashMap<Integer, AtomicInteger>();
		// 5 addresses x 12 a second, under each address's bound of upgrades per second
		int perSecond = 60;
		int seconds = 10;
		long start = System.nanoTime();
		List<Integer> burst;
		try (ExecutorService churn = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < perSecond * seconds; i++) {
				long due = start + TimeUnit.SECONDS.toNanos(1) * i / perSecond;
				String source = "127.0.0." + (11 + i % 5);
				churn.submit(() -> {
					TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
					answers.computeIfAbsent(upgrade(source), (key) -> new AtomicInteger()).incrementAndGet();
					return null;
				});
			}
			// and one address far over its rate: 60 at once (at most 40 within one or two
			// seconds' allowance, whichever second they fall in)
			burst = burst("127.0.0.19", 60);
			probeOwnerWhile(start + TimeUnit.SECONDS.toNanos(seconds));
		}
		double after = owner.liveHeapMb();
		System.out.printf("upgrade churn: %s over %d s, burst of one address %s; heap %.1f MB before, %.1f MB after;"
				+ " owner ms %s%n", answers, seconds, burst, before, after, owner.latencies());

		assertThat(answers.getOrDefault(101, new AtomicInteger()).get()).as("upgrades accepted, at 50/s or more")
			.isGreaterThanOrEqualTo(50 * seconds);
		assertThat(burst).contains(429).allSatisfy((status) -> assertThat(status).isIn(101, 429, 503));
		assertThat(burst.stream().filter((status) -> status == 101)).hasSizeLessThanOrEqualTo(40);
		assertThat(owner.gauge("p2pchat.links.handshake.failures?tag=reason:rate-limited")).isPositive();
		assertVictimUnharmed(before, after, SMALL_ATTACK_MB);
	}

	@Test
	void slowHeadersWhenTheyFillTheConnectionBoundLeaveTheOwnerAndTheLinksServed() throws Exception {
		double before = owner.liveHeapMb();
		// one address over its bound of 256 connections: the rest are closed as accepted
		try (SlowClients one = SlowClients.open(victim.port(), 60, 1, 300)) {
			// the connector closes the excess as it accepts them, which may trail the
			// client's connects (they wait in the backlog)
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(owner.gauge("p2pchat.http.refused?tag=reason:connections-per-address"))
					.isGreaterThanOrEqualTo(300 - 256));
		}
		// six addresses, 1,536 connections: past the connector's 1,024
		try (SlowClients flood = SlowClients.open(victim.port(), 61, 6, 256)) {
			long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			long nextByte = 0;
			while (System.nanoTime() < until) {
				if (System.nanoTime() >= nextByte) {
					flood.trickle();
					nextByte = System.nanoTime() + Duration.ofSeconds(2).toNanos();
				}
				owner.timed("/messages?limit=1");
				TimeUnit.MILLISECONDS.sleep(500);
			}
			long held = flood.stillOpen();
			double after = owner.liveHeapMb();
			System.out.printf(
					"slow headers on the peer: %d opened, %d failed, %d still held after 20 s; heap %.1f MB"
							+ " before, %.1f MB after; owner ms %s%n",
					flood.opened(), flood.failed(), held, before, after, owner.latencies());

			assertThat(flood.opened()).as("the flood reached the connection bound").isGreaterThanOrEqualTo(1_024);
			// 1,024 connections at ~56 KB each
			assertVictimUnharmed(before, after, 80);
		}
	}

	private static void assertVictimUnharmed(double heapBefore, double heapAfter, double boundMb) {
		assertThat(victim.process().isAlive()).as("victim alive; output:%n%s", victim.tail()).isTrue();
		assertThat(owner.latencies()).allSatisfy((millis) -> assertThat(millis).isLessThan(1_000));
		assertThat(LocalChat.links(victim)).containsEntry("bob", "connected");
		assertThat(heapAfter).as("live heap after the attack, MB").isLessThan(heapBefore + boundMb);
	}

	/** The owner's calls, twice a second, until the attack's end. */
	private static void probeOwnerWhile(long until) throws InterruptedException {
		while (System.nanoTime() < until) {
			owner.timed("/messages?limit=1");
			TimeUnit.MILLISECONDS.sleep(500);
		}
	}

	private static HttpResponse<String> post(HttpClient client, String cookie) throws Exception {
		return client.send(HttpRequest.newBuilder(victim.url("/messages"))
			.header("Content-Type", "application/json")
			.header("Cookie", cookie)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A WebSocket upgrade of {@code /ws/peer} from that source address, closed as soon as
	 * its status line is read: the status, or -1 when the connection failed.
	 */
	private static int upgrade(String source) {
		try (var socket = new Socket()) {
			socket.bind(new InetSocketAddress(source, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", victim.port()), 5_000);
			socket.setSoTimeout(5_000);
			socket.getOutputStream().write(upgradeRequest());
			return status(socket.getInputStream());
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * {@code count} upgrades from one address written back to back on connections opened
	 * beforehand, so that they reach the peer within milliseconds: their statuses.
	 */
	private static List<Integer> burst(String source, int count) throws IOException {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				var socket = new Socket();
				sockets.add(socket);
				socket.bind(new InetSocketAddress(source, 0));
				socket.connect(new InetSocketAddress("127.0.0.1", victim.port()), 5_000);
				socket.setSoTimeout(10_000);
			}
			for (Socket socket : sockets) {
				socket.getOutputStream().write(upgradeRequest());
			}
			List<Integer> statuses = new ArrayList<>();
			for (Socket socket : sockets) {
				statuses.add(status(socket.getInputStream()));
			}
			return statuses;
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static byte[] upgradeRequest() {
		return ("GET /ws/peer HTTP/1.1\r\nHost: 127.0.0.1:" + victim.port()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static int status(InputStream in) throws IOException {
		var line = new StringBuilder();
		for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
			line.append((char) b);
		}
		String[] parts = line.toString().split(" ");
		return (parts.length > 1) ? Integer.parseInt(parts[1]) : -1;
	}

}
