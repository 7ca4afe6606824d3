package dev.p2pchat.tracker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.p2pchat.tracker.TrackerTestSupport.Http;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two real trackers' worth of Spring contexts (A and B, each its own Tomcat on a random
 * port, system clock) on one Redis key prefix, and an HTTP client for each.
 *
 * @param a replica A
 * @param b replica B
 * @param httpA a client of A
 * @param httpB a client of B
 */
record TrackerReplicas(ConfigurableApplicationContext a, ConfigurableApplicationContext b, Http httpA,
		Http httpB) implements AutoCloseable {

	/** The replicas' lease. */
	static final Duration LEASE = Duration.ofSeconds(3);

	/**
	 * Starts A and B on the shared test Redis.
	 * @param prefix their key prefix
	 * @param more more command-line arguments for both
	 * @return the replicas
	 */
	static TrackerReplicas start(String prefix, String... more) {
		ConfigurableApplicationContext a = startOne(prefix, RedisTestServer.url(), more);
		ConfigurableApplicationContext b = startOne(prefix, RedisTestServer.url(), more);
		return new TrackerReplicas(a, b, Http.onPort(port(a), Clock.systemUTC()),
				Http.onPort(port(b), Clock.systemUTC()));
	}

	/**
	 * Starts one tracker on Redis, with a short lease and fast sweeps.
	 * @param prefix its key prefix
	 * @param redisUrl its Redis
	 * @param more more command-line arguments
	 * @return the running context
	 */
	static ConfigurableApplicationContext startOne(String prefix, String redisUrl, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--p2pchat.tracker.store=redis",
				"--spring.data.redis.url=" + redisUrl, "--p2pchat.tracker.redis-key-prefix=" + prefix,
				"--p2pchat.tracker.lease=" + LEASE.toSeconds() + "s", "--p2pchat.tracker.sweep-interval=200ms",
				"--p2pchat.tracker.log-interval=1h"));
		if (Arrays.stream(more).noneMatch((arg) -> arg.startsWith("--p2pchat.tracker.rate-limit.registrations="))) {
			// every test client registers from 127.0.0.1, and the replicas share one
			// allowance
			args.add("--p2pchat.tracker.rate-limit.registrations=1000");
		}
		if (Arrays.stream(more).noneMatch((arg) -> arg.startsWith("--p2pchat.tracker.sybil."))) {
			// the same for new identities: all from one address
			args.addAll(
					List.of("--p2pchat.tracker.sybil.per-address=100000", "--p2pchat.tracker.sybil.per-prefix=100000"));
		}
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(TrackerApplication.class).run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	int portA() {
		return port(this.a);
	}

	int portB() {
		return port(this.b);
	}

	@Override
	public void close() {
		this.a.close();
		this.b.close();
	}

}
