package dev.p2pchat.bench.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The status line and the few headers of an HTTP/1.1 response that the load generator
 * needs.
 *
 * @param status the status code
 * @param contentLength the Content-Length, or -1
 * @param chunked whether the body is chunked
 * @param close whether the server closes the connection after this response
 * @param etag the ETag header, if any
 */
public record HttpHead(int status, long contentLength, boolean chunked, boolean close, @Nullable String etag) {

	/**
	 * Reads a response head.
	 * @param in a buffered stream positioned at a status line
	 * @return the head
	 * @throws IOException on EOF or a malformed head
	 */
	public static HttpHead read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		String etag = null;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).trim();
			String value = header.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("content-length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("transfer-encoding")) {
				chunked = value.equalsIgnoreCase("chunked");
			}
			else if (name.equalsIgnoreCase("connection")) {
				close = value.equalsIgnoreCase("close");
			}
			else if (name.equalsIgnoreCase("etag")) {
				etag = value;
			}
		}
		return new HttpHead(status, length, chunked, close, etag);
	}

	/**
	 * Reads one CRLF-terminated ASCII line.
	 * @param in the stream
	 * @return the line without its terminator
	 * @throws IOException on EOF
	 */
	static String line(InputStream in) throws IOException {
		var sb = new StringBuilder(64);
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("connection closed");
			}
			if (b != '\r') {
				sb.append((char) b);
			}
		}
		return sb.toString();
	}

	/**
	 * Reads and discards the body that follows this head.
	 * @param in the stream positioned after the head
	 * @return the body length in bytes
	 * @throws IOException on EOF
	 */
	public long skipBody(InputStream in) throws IOException {
		if (this.chunked) {
			long total = 0;
			for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
				skip(in, size);
				line(in);
				total += size;
			}
			line(in);
			return total;
		}
		if (this.contentLength > 0) {
			skip(in, this.contentLength);
		}
		return Math.max(this.contentLength, 0);
	}

	static long chunkSize(InputStream in) throws IOException {
		String line = line(in);
		int semicolon = line.indexOf(';');
		return Long.parseLong((semicolon < 0) ? line.trim() : line.substring(0, semicolon).trim(), 16);
	}

	private static void skip(InputStream in, long bytes) throws IOException {
		for (long left = bytes; left > 0;) {
			long skipped = in.skip(left);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new EOFException("connection closed in a body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	/**
	 * Encodes a request.
	 * @param method the method
	 * @param port the target port on 127.0.0.1
	 * @param path the path
	 * @param extraHeaders further header lines, each ending in CRLF
	 * @param jsonBody a JSON body, or {@code null}
	 * @return the request bytes
	 */
	public static byte[] request(String method, int port, String path, String extraHeaders, @Nullable String jsonBody) {
		var sb = new StringBuilder(256).append(method)
			.append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1:")
			.append(port)
			.append("\r\n")
			.append(extraHeaders);
		if (jsonBody != null) {
			byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
			sb.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
			sb.append(jsonBody);
		}
		else {
			sb.append("\r\n");
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

}
