package dev.p2pchat.peer.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange written byte for byte on a socket, for what
 * {@link java.net.http.HttpClient} will not send: a foreign {@code Host}, a request line
 * or headers past the server's limits.
 */
final class RawHttp {

	private RawHttp() {
	}

	/** The status line, headers and body of the answer, as text. */
	static String exchange(URI server, String request) {
		try (var socket = new Socket(server.getHost(), server.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return readAll(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		var out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				out.write(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			// a server that closes with unread input left may reset: keep what came
			if (out.size() == 0) {
				throw ex;
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	static int status(String answer) {
		return Integer.parseInt(answer.substring(9, 12));
	}

}
