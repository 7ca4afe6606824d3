package dev.p2pchat.nemesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proxy between a client and an echo server on loopback, with the rules changed under
 * an open connection. The client is this JVM, which {@link SocketOwners} knows as
 * "client": a cut of "client" to "server" works only if the proxy found who dialled.
 */
class FaultProxyTests {

	private final Network network = new Network();

	private final SocketOwners owners = new SocketOwners();

	private ServerSocket echo;

	private FaultProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::echoLoop);
		this.owners.register(ProcessHandle.current().pid(), "client");
		this.proxy = new FaultProxy("server", this.echo.getLocalPort(), this.network, this.owners);
	}

	@AfterEach
	void stop() throws IOException {
		this.proxy.close();
		this.echo.close();
	}

	@Test
	void forwardWhenAnotherPairIsCutEchoes() throws IOException {
		this.network.add(Network.cut("nobody", "server"));
		try (Socket client = connect()) {

			assertThat(roundTrip(client, "hello")).isEqualTo("hello");
		}
	}

	@Test
	void forwardWhenCutOneWayDropsThatWayOnAnOpenConnection() throws IOException {
		try (Socket client = connect()) {
			assertThat(roundTrip(client, "before")).isEqualTo("before");

			Network.Rule cut = this.network.add(Network.cut("client", "server"));

			assertThatThrownBy(() -> roundTrip(client, "during")).isInstanceOf(SocketTimeoutException.class);
			this.network.remove(cut);
			assertThat(roundTrip(client, "after")).isEqualTo("after");
		}
	}

	@Test
	void forwardWhenTheAnswerIsCutDropsOnlyTheWayBack() throws IOException {
		try (Socket client = connect()) {
			this.network.add(Network.cut("server", "client"));

			assertThatThrownBy(() -> roundTrip(client, "lost answer")).isInstanceOf(SocketTimeoutException.class);
		}
	}

	@Test
	void forwardWhenDelayedKeepsTheOrderAndTakesTheDelay() throws IOException {
		this.network.add(Network.around("client", Faults.delayed(Duration.ofMillis(300), Duration.ofMillis(50))));
		try (Socket client = connect()) {
			long start = System.nanoTime();

			assertThat(roundTrip(client, "slowly")).isEqualTo("slowly");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
		}
	}

	@Test
	void forwardWhenEveryChunkIsDuplicatedSendsItTwice() throws IOException {
		this.network.add(Network.into("server", Faults.frames(0, 1, 0)));
		try (Socket client = connect()) {

			assertThat(roundTrip(client, "twice", 10)).isEqualTo("twicetwice");
		}
	}

	@Test
	void forwardWhenEveryChunkIsDroppedSendsNothing() throws IOException {
		this.network.add(Network.into("server", Faults.frames(1, 0, 0)));
		try (Socket client = connect()) {

			assertThatThrownBy(() -> roundTrip(client, "dropped")).isInstanceOf(SocketTimeoutException.class);
		}
	}

	@Test
	void resetWhenCalledClosesOpenConnections() throws IOException {
		try (Socket client = connect()) {
			assertThat(roundTrip(client, "up")).isEqualTo("up");

			this.proxy.resetAll();

			assertThat(client.getInputStream().read()).isEqualTo(-1);
		}
	}

	private Socket connect() throws IOException {
		Socket client = new Socket(InetAddress.getLoopbackAddress(), this.proxy.port());
		client.setSoTimeout(1500);
		return client;
	}

	private static String roundTrip(Socket client, String text) throws IOException {
		return roundTrip(client, text, text.length());
	}

	private static String roundTrip(Socket client, String text, int expected) throws IOException {
		OutputStream out = client.getOutputStream();
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
		InputStream in = client.getInputStream();
		byte[] answer = new byte[expected];
		int read = 0;
		while (read < expected) {
			int n = in.read(answer, read, expected - read);
			if (n < 0) {
				break;
			}
			read += n;
		}
		return new String(answer, 0, read, StandardCharsets.UTF_8);
	}

	private void echoLoop() {
		while (!this.echo.isClosed()) {
			try {
				Socket socket = this.echo.accept();
				Thread.ofVirtual().start(() -> {
					try (socket) {
						socket.getInputStream().transferTo(socket.getOutputStream());
					}
					catch (IOException ex) {
						// closed
					}
				});
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

}
