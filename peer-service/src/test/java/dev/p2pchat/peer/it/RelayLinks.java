package dev.p2pchat.peer.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** What the relay tests read from a peer: its view of a link, its history, its files. */
final class RelayLinks {

	private RelayLinks() {
	}

	/** The peer's {@code GET /peers} entry of the other, empty when it lists none. */
	static JsonNode peer(PeerJar at, PeerJar other) {
		String id = other.id();
		for (JsonNode peer : at.json("/peers")) {
			if (peer.path("peerId").asString().equals(id)) {
				return peer;
			}
		}
		return JsonNodeFactory.instance.objectNode();
	}

	static String link(PeerJar at, PeerJar other) {
		return peer(at, other).path("link").asString();
	}

	/** The texts of the peer's history from a sender, with the tag, oldest first. */
	static List<String> texts(PeerJar peer, String from, String tag) {
		return peer.messages()
			.stream()
			.filter((message) -> message.path("from").asString().equals(from))
			.map((message) -> message.path("text").asString())
			.filter((text) -> text.startsWith(tag))
			.toList();
	}

	/** The files of the peer's data directory and its log that hold the text. */
	static List<Path> traces(PeerJar peer, String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		try (Stream<Path> files = Files.walk(peer.dataDir())) {
			return Stream.concat(files.filter(Files::isRegularFile), Stream.of(peer.log()))
				.filter((file) -> contains(read(file), needle))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean contains(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

}
