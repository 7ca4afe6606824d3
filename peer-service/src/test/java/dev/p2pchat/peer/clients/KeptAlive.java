package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The victim's owner (or a tracker client) during an attack: one HTTP/1.1 client whose
 * connection, opened before the attack, stays open (the server keeps it alive), as a
 * peer's own page or a peer renewing its lease keeps theirs. Times each call, and reads
 * the victim's heap after a full collection ({@code jcmd <pid> GC.run}), so the figure is
 * what the attack leaves live, not garbage waiting for a collection.
 */
final class KeptAlive {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JarProcess server;

	private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

	KeptAlive(JarProcess server) {
		this.server = server;
	}

	/** GETs the path (with the owner's token, if the server has one): status and body. */
	HttpResponse<String> get(String path) {
		var request = HttpRequest.newBuilder(this.server.url(path)).timeout(Duration.ofSeconds(10));
		if (this.server.token() != null) {
			request.header("Authorization", "Bearer " + this.server.token());
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** GETs the path, asserts a 200 and returns how long it took, in ms. */
	long timed(String path) {
		long start = System.nanoTime();
		HttpResponse<String> response = get(path);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(response.statusCode()).as("GET " + path + " during the attack").isEqualTo(200);
		this.latencies.add(millis);
		return millis;
	}

	List<Long> latencies() {
		return List.copyOf(this.latencies);
	}

	/** The server's live heap in MB: a full collection first, then its own gauge. */
	double liveHeapMb() {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		try {
			Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(this.server.process().pid()), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			assertThat(gc.waitFor(30, TimeUnit.SECONDS)).as("jcmd GC.run").isTrue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return gauge("jvm.memory.used?tag=area:heap") / (1024 * 1024);
	}

	/** One value of a meter, read over the kept-alive connection. */
	double gauge(String meterAndTags) {
		HttpResponse<String> response = get("/actuator/metrics/" + meterAndTags);
		assertThat(response.statusCode()).as(meterAndTags).isEqualTo(200);
		JsonNode measurements = LocalChat.JSON.readTree(response.body()).path("measurements");
		return measurements.path(0).path("value").asDouble();
	}

	URI url(String path) {
		return this.server.url(path);
	}

}
