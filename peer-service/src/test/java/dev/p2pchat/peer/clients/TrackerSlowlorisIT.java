package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow-headers flood (slowloris) of 8,500 connections on a tracker started as the image
 * starts it (256 MB heap, exit on OutOfMemoryError), from 34 loopback addresses (250
 * each, under the per-address bound, so that the flood meets the connector's bound of
 * 2,048): the tracker stays up, a directory client on its kept-alive connection gets
 * {@code GET /peers} within a second throughout, the registered peer stays listed, and
 * the live heap stays under its bound. The test JVM holds 8,500 sockets: it needs an
 * open-file limit above that ({@code ulimit -n}).
 */
class TrackerSlowlorisIT {

	private static final int ADDRESSES = 34;

	private static final int PER_ADDRESS = 250;

	private static LocalChat chat;

	@BeforeAll
	static void start() {
		chat = LocalChat.start();
		chat.peer("alice");
		chat.awaitLinked();
	}

	@AfterAll
	static void stop() {
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void trackerWhenEightThousandFiveHundredSlowConnectionsArriveKeepsAnsweringItsDirectory() throws Exception {
		assertThat(openFileLimit()).as("ulimit -n of the test JVM (raise it to run this test)")
			.isGreaterThan(ADDRESSES * PER_ADDRESS + 1_000);
		JarProcess tracker = chat.tracker();
		var directory = new KeptAlive(tracker);
		directory.timed("/peers");
		double before = directory.liveHeapMb();
		try (SlowClients flood = SlowClients.open(tracker.port(), 100, ADDRESSES, PER_ADDRESS)) {
			long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			long nextByte = 0;
			while (System.nanoTime() < until) {
				if (System.nanoTime() >= nextByte) {
					flood.trickle();
					nextByte = System.nanoTime() + Duration.ofSeconds(2).toNanos();
				}
				directory.timed("/peers");
				assertThat(directory.get("/peers").body()).contains("\"alice\"");
				TimeUnit.MILLISECONDS.sleep(500);
			}
			long held = flood.stillOpen();
			double after = directory.liveHeapMb();
			System.out.printf(
					"slow headers on the tracker: %d attempted, %d opened, %d failed, %d still held after"
							+ " 20 s; heap %.1f MB before, %.1f MB after; GET /peers ms %s%n",
					ADDRESSES * PER_ADDRESS, flood.opened(), flood.failed(), held, before, after,
					directory.latencies());

			assertThat(flood.opened() + flood.failed()).isEqualTo(ADDRESSES * PER_ADDRESS);
			assertThat(tracker.process().isAlive()).as("tracker alive; output:%n%s", tracker.tail()).isTrue();
			assertThat(directory.latencies()).allSatisfy((millis) -> assertThat(millis).isLessThan(1_000));
			// 2,048 connections at ~56 KB each, on a tracker holding ~26 MB
			assertThat(after).as("live heap during the flood, MB").isLessThan(before + 130);
		}
	}

	/** The open-file limit of this JVM ("Max open files" of /proc/self/limits). */
	private static long openFileLimit() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/limits"))
			.stream()
			.filter((line) -> line.startsWith("Max open files"))
			.map((line) -> line.substring("Max open files".length()).strip().split("\\s+")[0])
			.mapToLong((soft) -> "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft))
			.findFirst()
			.orElse(Long.MAX_VALUE);
	}

}
