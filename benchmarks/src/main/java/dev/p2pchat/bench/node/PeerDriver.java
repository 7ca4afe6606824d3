package dev.p2pchat.bench.node;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The main class of a peer started for W1-mesh: starts the peer's own Spring application
 * in this JVM (its class from {@code -Dbench.peerMain}), wraps the peer's public
 * in-process mesh API as a {@link Transport} and serves the orchestrator on
 * {@code -Dbench.control} as node {@code -Dbench.index}. Loaded through Spring Boot's
 * {@code PropertiesLauncher} with {@code -Dloader.path=benchmarks-driver.jar}, so it sees
 * the peer's classes and Spring.
 */
public final class PeerDriver {

	private PeerDriver() {
	}

	public static void main(String[] args) throws Exception {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		Class<?> peerMain = Class.forName(System.getProperty("bench.peerMain"), true, loader);
		ConfigurableApplicationContext context = SpringApplication.run(peerMain, args);
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
