package dev.p2pchat.peer.tracker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TrackerClientTests {

	@Test
	void listWhenNothingListensNamesTheCauseInsteadOfNull() throws IOException {
		int closedPort;
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		var client = new TrackerClient(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2));

		assertThatExceptionOfType(TrackerUnavailableException.class).isThrownBy(client::list)
			.withMessageStartingWith("tracker unreachable: ")
			.withMessageNotContaining("null");
	}

}
