package dev.p2pchat.tracker;

import dev.p2pchat.tracker.TrackerTestSupport.Http;
import dev.p2pchat.tracker.registry.PeerRegistry;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every {@link TrackerServerTest} needs: the port, the test clock, the registry and
 * an exact HTTP client; the registry starts empty for every test.
 */
@TrackerServerTest
public abstract class ServerTestBase {

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected PeerRegistry registry;

	protected Http http;

	@BeforeEach
	void emptyRegistry() {
		TrackerTestSupport.clear(this.clock, this.registry);
		this.http = Http.onPort(this.port, this.clock);
	}

}
