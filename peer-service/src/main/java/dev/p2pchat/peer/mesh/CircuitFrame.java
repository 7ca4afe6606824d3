package dev.p2pchat.peer.mesh;

import java.util.Objects;

/**
 * The frames of a relayed link, written inside the sealed links to and from the relay
 * (docs/protocol.md, "Relayed links"). A circuit is numbered by whoever opens it on a
 * link (a random id, so that both sides of a link can open circuits without agreeing);
 * every other frame of the circuit on that link carries the number. What a circuit
 * carries ({@link Data}) is the end-to-end link's own handshake messages and sealed
 * frames: the relay forwards them and can read none.
 */
final class CircuitFrame {

	/** Longest refusal or close reason kept from the wire. */
	static final int MAX_REASON = 100;

	private CircuitFrame() {
	}

	/**
	 * Asks for a circuit from {@code from} to {@code to}: an end asks its relay
	 * ({@code from} is itself), the relay asks the other end ({@code to} is that end).
	 *
	 * @param circuit the number the opener gave it on this link
	 * @param from the peerId of the end that wants the link
	 * @param to the peerId of the end it wants to reach
	 */
	record Open(long circuit, String from, String to) implements LinkFrame.Circuit {

		Open {
			Objects.requireNonNull(from, "from");
			Objects.requireNonNull(to, "to");
		}

	}

	/** The circuit is open end to end: the ends may now send {@link Data}. */
	record Accept(long circuit) implements LinkFrame.Circuit {

	}

	/**
	 * The circuit was not opened.
	 *
	 * @param reason why (for instance {@code "relay at max-circuits (32)"})
	 */
	record Refuse(long circuit, String reason) implements LinkFrame.Circuit {

		Refuse {
			reason = clip(reason);
		}

	}

	/**
	 * One message of the end-to-end link (a handshake message or a sealed frame), as its
	 * end wrote it.
	 */
	record Data(long circuit, byte[] data) implements LinkFrame.Circuit {

		Data {
			Objects.requireNonNull(data, "data");
		}

	}

	/** The circuit closed (an end closed its link, or the relay lost the other side). */
	record Close(long circuit, String reason) implements LinkFrame.Circuit {

		Close {
			reason = clip(reason);
		}

	}

	/**
	 * Asks the receiver to dial the speaker back at the URL the tracker lists for it: the
	 * speaker learns that it is reachable when that dial's handshake reaches it (see
	 * {@link DialBacks}); an answer over this link alone is never proof.
	 */
	record DialBack() implements LinkFrame.Circuit {

	}

	static String clip(String reason) {
		String text = (reason != null) ? reason : "";
		return (text.length() > MAX_REASON) ? text.substring(0, MAX_REASON) : text;
	}

}
