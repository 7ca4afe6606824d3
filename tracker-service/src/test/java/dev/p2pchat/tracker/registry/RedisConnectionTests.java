package dev.p2pchat.tracker.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.p2pchat.tracker.RedisTestServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection on a real Redis (Testcontainers {@code redis:7}): a burst of first
 * calls, as a tracker replica gets a burst of registrations on its first use of Redis.
 */
class RedisConnectionTests {

	private RedisClient client;

	private RedisConnection connection;

	@BeforeEach
	void open() {
		this.client = RedisTestServer.client();
		this.connection = new RedisConnection(this.client);
	}

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void callWhenABurstArrivesBeforeTheFirstConnectServesEveryCall() throws Exception {
		int callers = 32;
		var start = new CountDownLatch(1);
		List<Future<String>> answers = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(callers)) {
			for (int i = 0; i < callers; i++) {
				Callable<String> ping = () -> {
					start.await();
					return this.connection.call((redis) -> redis.ping());
				};
				answers.add(threads.submit(ping));
			}
			start.countDown();

			for (Future<String> answer : answers) {
				assertThat(answer.get()).isEqualTo("PONG");
			}
		}
	}

}
