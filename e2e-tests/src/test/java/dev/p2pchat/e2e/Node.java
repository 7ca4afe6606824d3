package dev.p2pchat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * One service container on the stack's network, reachable by its network alias from the
 * other containers and through a mapped port from the test. Docker may map a new host
 * port when the container starts again, so {@link #baseUri()} asks Docker each time.
 */
final class Node implements AutoCloseable {

	private static final long MEMORY_LIMIT = 384L * 1024 * 1024;

	private final String alias;

	private final ServiceImage service;

	private final Network network;

	private final GenericContainer<?> container;

	Node(String alias, ServiceImage service, Network network) {
		this.alias = alias;
		this.service = service;
		this.network = network;
		this.container = new GenericContainer<>(service.image()).withNetwork(network)
			.withNetworkAliases(alias)
			.withExposedPorts(service.port())
			// small heaps and the C1 compiler only: four JVMs start at once on two cores
			.withEnv("JAVA_TOOL_OPTIONS", "-Xmx160m -XX:TieredStopAtLevel=1")
			.withCreateContainerCmdModifier((cmd) -> cmd.getHostConfig().withMemory(MEMORY_LIMIT))
			.waitingFor(Wait.forHttp("/actuator/health/readiness")
				.forPort(service.port())
				.withStartupTimeout(Duration.ofSeconds(120)));
	}

	Node withEnv(String name, String value) {
		this.container.withEnv(name, value);
		return this;
	}

	GenericContainer<?> container() {
		return this.container;
	}

	String alias() {
		return this.alias;
	}

	/** Where the test reaches this service now. */
	URI baseUri() {
		Ports.Binding[] bindings = this.container.getCurrentContainerInfo()
			.getNetworkSettings()
			.getPorts()
			.getBindings()
			.get(ExposedPort.tcp(this.service.port()));
		if (bindings == null || bindings.length == 0) {
			throw new IllegalStateException(this.alias + " has no mapped port (not running?)");
		}
		return URI.create("http://" + this.container.getHost() + ":" + bindings[0].getHostPortSpec());
	}

	/**
	 * The Docker health check's verdict: {@code healthy}, {@code starting} or
	 * {@code unhealthy}.
	 */
	String dockerHealth() {
		var health = this.container.getCurrentContainerInfo().getState().getHealth();
		return (health != null) ? health.getStatus() : "none";
	}

	boolean running() {
		return Boolean.TRUE.equals(this.container.getCurrentContainerInfo().getState().getRunning());
	}

	/** {@code docker kill}: SIGKILL, no graceful shutdown, no goodbye to the tracker. */
	void kill() {
		docker().killContainerCmd(this.container.getContainerId()).exec();
	}

	/** {@code docker start} of the same container (same name, alias, environment). */
	void startAgain() {
		docker().startContainerCmd(this.container.getContainerId()).exec();
	}

	/** {@code docker restart} with a graceful stop. */
	void restart() {
		docker().restartContainerCmd(this.container.getContainerId()).withTimeout(10).exec();
	}

	/** {@code docker network disconnect}: the container loses its only network. */
	void disconnect() {
		docker().disconnectFromNetworkCmd()
			.withNetworkId(this.network.getId())
			.withContainerId(this.container.getContainerId())
			.exec();
	}

	/** {@code docker network connect} with the alias the others know it by. */
	void reconnect() {
		docker().connectToNetworkCmd()
			.withNetworkId(this.network.getId())
			.withContainerId(this.container.getContainerId())
			.withContainerNetwork(new ContainerNetwork().withAliases(this.alias))
			.exec();
	}

	private DockerClient docker() {
		return this.container.getDockerClient();
	}

	/**
	 * Keeps the container's log in {@code target/e2e-logs}, then removes the container.
	 */
	@Override
	public void close() {
		if (this.container.getContainerId() != null) {
			saveLog();
		}
		this.container.stop();
	}

	private void saveLog() {
		try {
			Path dir = Repository.file("e2e-tests/target/e2e-logs");
			Files.createDirectories(dir);
			Files.writeString(
					dir.resolve(this.container.getContainerName().replace("/", "") + "-" + this.alias + ".log"),
					this.container.getLogs());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
