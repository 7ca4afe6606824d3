package dev.p2pchat.peer.it;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the WebSocket frames out of a captured byte stream (after the HTTP upgrade),
 * unmasking the payloads of client frames, so that a test can search what really
 * travelled.
 */
final class WebSocketFrames {

	private WebSocketFrames() {
	}

	/**
	 * The payloads of the frames in {@code stream}, unmasked; a cut-off last frame is
	 * kept.
	 */
	static List<byte[]> payloads(byte[] stream) {
		int at = indexOf(stream, new byte[] { '\r', '\n', '\r', '\n' }, 0);
		List<byte[]> payloads = new ArrayList<>();
		if (at < 0) {
			return payloads;
		}
		at += 4;
		while (at + 2 <= stream.length) {
			boolean masked = (stream[at + 1] & 0x80) != 0;
			long length = stream[at + 1] & 0x7f;
			at += 2;
			if (length == 126) {
				length = ((stream[at] & 0xff) << 8) | (stream[at + 1] & 0xff);
				at += 2;
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | (stream[at + i] & 0xff);
				}
				at += 8;
			}
			byte[] mask = masked ? Arrays.copyOfRange(stream, at, at + 4) : null;
			at += masked ? 4 : 0;
			int end = (int) Math.min(stream.length, at + length);
			byte[] payload = Arrays.copyOfRange(stream, Math.min(at, end), end);
			if (mask != null) {
				for (int i = 0; i < payload.length; i++) {
					payload[i] ^= mask[i % 4];
				}
			}
			payloads.add(payload);
			at = end;
		}
		return payloads;
	}

	/** All payloads joined. */
	static byte[] joined(byte[] stream) {
		var all = new ByteArrayOutputStream();
		payloads(stream).forEach(all::writeBytes);
		return all.toByteArray();
	}

	static int indexOf(byte[] haystack, byte[] needle, int from) {
		outer: for (int i = from; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
