package dev.p2pchat.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent-events client on a plain socket: one GET, then one reader thread that
 * hands each event to a listener with the {@link System#nanoTime()} at which its blank
 * line arrived.
 */
public final class SseClient implements AutoCloseable {

	private final Socket socket;

	private final Thread reader;

	private volatile boolean ended;

	private SseClient(Socket socket, InputStream body, Listener listener, String name) {
		this.socket = socket;
		this.reader = Thread.ofPlatform().daemon().name("sse-" + name).start(() -> {
			read(body, listener);
			this.ended = true;
		});
	}

	/** Whether the stream has ended (the server closed it, or this client did). */
	public boolean ended() {
		return this.ended;
	}

	/**
	 * Opens a stream and starts reading it.
	 * @param port the server port on 127.0.0.1
	 * @param path the stream path
	 * @param name a name for the reader thread
	 * @param listener receives every event
	 * @return the open client
	 * @throws IOException when the server does not answer 200
	 */
	public static SseClient open(int port, String path, String name, Listener listener) throws IOException {
		return open(port, path, "", name, listener);
	}

	/**
	 * Opens a stream with further request headers.
	 * @param port the server port on 127.0.0.1
	 * @param path the stream path
	 * @param extraHeaders further header lines, each ending in CRLF (e.g. the owner's
	 * token)
	 * @param name a name for the reader thread
	 * @param listener receives every event
	 * @return the open client
	 * @throws IOException when the server does not answer 200
	 */
	public static SseClient open(int port, String path, String extraHeaders, String name, Listener listener)
			throws IOException {
		var socket = new Socket(InetAddress.getLoopbackAddress(), port);
		socket.setTcpNoDelay(true);
		OutputStream out = socket.getOutputStream();
		out.write(HttpHead.request("GET", port, path, "Accept: text/event-stream\r\n" + extraHeaders, null));
		out.flush();
		InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
		HttpHead head = HttpHead.read(in);
		if (head.status() != 200) {
			socket.close();
			throw new IOException("GET " + path + " answered " + head.status());
		}
		return new SseClient(socket, head.chunked() ? new ChunkedInputStream(in) : in, listener, name);
	}

	private static void read(InputStream in, Listener listener) {
		var line = new ByteArrayOutputStream(512);
		String event = "message";
		var data = new StringBuilder();
		byte[] buffer = new byte[16 * 1024];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				for (int i = 0; i < n; i++) {
					byte b = buffer[i];
					if (b != '\n') {
						line.write(b);
						continue;
					}
					String text = line.toString(StandardCharsets.UTF_8);
					line.reset();
					if (text.endsWith("\r")) {
						text = text.substring(0, text.length() - 1);
					}
					if (text.isEmpty()) {
						if (!data.isEmpty()) {
							listener.onEvent(event, data.toString(), System.nanoTime());
						}
						event = "message";
						data.setLength(0);
					}
					else if (text.startsWith("event:")) {
						event = text.substring(6).strip();
					}
					else if (text.startsWith("data:")) {
						data.append(data.isEmpty() ? "" : "\n")
							.append(text, text.startsWith("data: ") ? 6 : 5, text.length());
					}
				}
			}
		}
		catch (IOException ex) {
			// the stream ends when the client or the server closes it
		}
	}

	/**
	 * Extracts a string field of a flat JSON object without parsing the rest.
	 * @param json the object
	 * @param field the field name
	 * @return the raw (still escaped) value, or the empty string when absent
	 */
	public static String stringField(String json, String field) {
		String key = "\"" + field + "\":\"";
		int start = json.indexOf(key);
		if (start < 0) {
			return "";
		}
		start += key.length();
		int end = start;
		while (end < json.length() && (json.charAt(end) != '"' || json.charAt(end - 1) == '\\')) {
			end++;
		}
		return json.substring(start, end);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		this.reader.interrupt();
	}

	/** Receives events on the reader thread. */
	@FunctionalInterface
	public interface Listener {

		void onEvent(String event, String data, long nanos);

	}

}
