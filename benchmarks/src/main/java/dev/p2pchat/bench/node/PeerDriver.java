package dev.p2pchat.bench.node;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.p2pchat.peer.PeerApplication;

/**
 * The main class of a peer started for W1-mesh: starts the peer's own Spring application
 * ({@link PeerApplication}) in this JVM, wraps the peer's public in-process mesh API as a
 * {@link Transport} and serves the orchestrator on {@code -Dbench.control} as node
 * {@code -Dbench.index}. Loaded through Spring Boot's {@code PropertiesLauncher} with
 * {@code -Dloader.path=benchmarks-driver.jar}, so it sees the peer's classes and Spring.
 */
public final class PeerDriver {

	private PeerDriver() {
	}

	public static void main(String[] args) throws Exception {
		ConfigurableApplicationContext context = SpringApplication.run(PeerApplication.class, args);
		Transport transport = PeerMeshTransport.from(context);
		var agent = new NodeAgent(Integer.getInteger("bench.index", 0), transport);
		Thread.ofPlatform().name("bench-agent").start(() -> {
			try {
				agent.serve(Integer.getInteger("bench.control", 0));
			}
			catch (Exception ex) {
				System.err.println("bench driver: control connection ended: " + ex);
			}
		});
	}

}
