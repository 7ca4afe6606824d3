package dev.p2pchat.peer.it;

import java.time.Duration;

import dev.p2pchat.link.frame.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real relay at its bound ({@code p2pchat.peer.relay.max-circuits=1}), asked by ends
 * that the test speaks for: beyond the bound, and for a peer it is not linked to, it
 * refuses with the reason and counts the refusal.
 */
class RelayBoundsIT {

	private static TrackerProcess tracker;

	private static PeerJar relay;

	private static FakePeer alice;

	private static FakePeer bob;

	private static RawLink aliceLink;

	private static RawLink bobLink;

	@BeforeAll
	static void start() throws Exception {
		tracker = TrackerProcess.start();
		relay = PeerJar.start("bounded-relay", tracker.url(), "--p2pchat.peer.reachable=true",
				"--p2pchat.peer.relay.max-circuits=1");
		alice = FakePeer.register(tracker.url(), "alice");
		bob = FakePeer.register(tracker.url(), "bob");
		aliceLink = RawLink.open(relay.url());
		aliceLink.handshake(alice.identity(), alice.username(), alice.url(), "epoch-alice");
		bobLink = RawLink.open(relay.url());
		bobLink.handshake(bob.identity(), bob.username(), bob.url(), "epoch-bob");
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable running : new AutoCloseable[] { aliceLink, bobLink, relay, tracker }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// the others still stop
			}
		}
	}

	@Test
	void openWhenTheRelayIsAtItsBoundIsRefusedWithTheReason() {
		aliceLink.send(open(11, alice, bob.id()));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(bobLink.frames())
				.anyMatch((frame) -> frame instanceof Frame.CircuitOpen open && open.from().equals(alice.id())));

		aliceLink.send(open(12, alice, bob.id()));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(refused(aliceLink, 12, "relay at max-circuits (1)")).isTrue());
		assertThat(relay.metric("p2pchat.relay.refusals", "reason:max-circuits")).isEqualTo(1.0);
		assertThat(aliceLink.gone()).as("the link itself stays").isFalse();
	}

	@Test
	void openWhenTheRelayIsNotLinkedToTheTargetIsRefusedWithTheReason() {
		FakePeer carol = FakePeer.register(tracker.url(), "carol");

		aliceLink.send(open(21, alice, carol.id()));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(refused(aliceLink, 21, "not linked to " + carol.id())).isTrue());
	}

	@Test
	void openWhenItClaimsAnotherOpenerIsRefused() {
		aliceLink.send(open(31, bob, alice.id()));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(refused(aliceLink, 31, "opened by its own end")).isTrue());
	}

	private static Frame open(long circuit, FakePeer from, String to) {
		return new Frame.CircuitOpen(circuit, from.id(), to);
	}

	/**
	 * Whether the link received a refusal of that circuit with a reason containing the
	 * text.
	 */
	private static boolean refused(RawLink link, long circuit, String reason) {
		return link.frames()
			.stream()
			.anyMatch((frame) -> frame instanceof Frame.CircuitRefuse refuse && refuse.circuit() == circuit
					&& refuse.reason().contains(reason));
	}

}
