package dev.p2pchat.tracker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

/**
 * The one shared server test context: a real Tomcat on a random port, the test
 * {@link MutableClock}, metrics export on, and short keepalive and log intervals so that
 * those are observable, and a rate limit and Sybil limits too high to matter (the limits
 * have tests and contexts of their own). Every class using it shares the cached context
 * (and so the registry): tests use their own peer ids and names, and
 * {@link TrackerTestSupport#clear} empties the registry by moving the clock past every
 * lease.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "p2pchat.tracker.keepalive-interval=300ms", "p2pchat.tracker.log-interval=1s",
				"p2pchat.tracker.rate-limit.registrations=1000000", "p2pchat.tracker.rate-limit.renames=1000000",
				"p2pchat.tracker.sybil.per-address=1000000", "p2pchat.tracker.sybil.per-prefix=1000000" })
@AutoConfigureMetrics
@AutoConfigureRestTestClient
@Import(TrackerTestSupport.class)
public @interface TrackerServerTest {

}
