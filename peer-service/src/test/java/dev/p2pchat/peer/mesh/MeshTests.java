package dev.p2pchat.peer.mesh;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.p2pchat.peer.config.PeerProperties;
import dev.p2pchat.peer.tracker.KnownPeer;

import static dev.p2pchat.peer.mesh.TestMessages.message;
import static org.assertj.core.api.Assertions.assertThat;

class MeshTests {

	private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	private static final KnownPeer BOB = new KnownPeer("bob-id", "bob", URI.create("http://localhost:8082"), null,
			null);

	private final Mesh mesh = new Mesh(new PeerProperties.Outbox(Duration.ofSeconds(60), 100),
			Clock.fixed(T0, ZoneOffset.UTC));

	private final List<String> failed = new ArrayList<>();

	private final List<String> delivered = new ArrayList<>();

	private DeliveryTicket ticket(String name) {
		return new DeliveryTicket() {
			@Override
			public void delivered(String peerId) {
				MeshTests.this.delivered.add(name);
			}

			@Override
			public void failed(String peerId, String reason) {
				MeshTests.this.failed.add(name);
			}
		};
	}

	@Test
	void forgottenWhenPeerComesBackContinuesTheSequenceNumbers() throws InterruptedException {
		this.mesh.send(BOB.peerId(), message("m1"), ticket("t1"));
		this.mesh.send(BOB.peerId(), message("m2"), ticket("t2"));

		this.mesh.forgotten(BOB);
		this.mesh.send(BOB.peerId(), message("m3"), ticket("t3"));

		assertThat(this.failed).containsExactly("t1", "t2");
		Outbox outbox = this.mesh.outbox(BOB.peerId());
		Outbox.Work work = outbox.await(outbox.attach(),
				new Outbox.Pacing(1000, Duration.ZERO, Duration.ZERO, Duration.ZERO));
		// the receiver remembers seq 2 from this sender: a renumbered m3 would be skipped
		// as
		// already seen yet acknowledged, and so marked delivered without being shown
		assertThat(work.entries()).extracting(Outbox.Entry::seq).containsExactly(3L);
		assertThat(work.entries()).extracting(TestMessages::text).containsExactly("m3");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void sendWhenOutboxFullFailsEachMessageAndWarnsOncePerEpisode(CapturedOutput output) {
		for (int i = 0; i < 100; i++) {
			assertThat(this.mesh.send(BOB.peerId(), message("m" + i), ticket("t" + i))).isTrue();
		}

		assertThat(this.mesh.send(BOB.peerId(), message("m100"), ticket("t100"))).isFalse();
		assertThat(this.mesh.send(BOB.peerId(), message("m101"), ticket("t101"))).isFalse();
		this.mesh.acknowledged(BOB.peerId(), 1);
		assertThat(this.mesh.send(BOB.peerId(), message("m102"), ticket("t102"))).isTrue();

		assertThat(this.failed).containsExactly("t100", "t101");
		assertThat(this.delivered).containsExactly("t0");
		assertThat(output.getOut().split("outbox for bob-id is full", -1)).hasSize(2);
		assertThat(output.getOut()).contains("the outbox for bob-id accepts messages again");
	}

	@Test
	void closeAllWhenShuttingDownRefusesLinksFromThenOn() {
		assertThat(this.mesh.closing()).isFalse();

		this.mesh.closeAll();

		assertThat(this.mesh.closing()).isTrue();
	}

	@Test
	void establishWhenAtMaxLinksRefusesAStrangerAndSaysItIsAtTheBound() {
		var bounded = new Mesh(new PeerProperties.Outbox(Duration.ofSeconds(60), 100), Clock.fixed(T0, ZoneOffset.UTC),
				new LinkAdmission(1, 8), Mesh.NO_LISTENER);
		PeerLink first = LinkAdmissionTests.link("p1", "127.0.0.2");
		PeerLink second = LinkAdmissionTests.link("p2", "127.0.0.3");

		Mesh.Established admitted = bounded.establish(first, first.remote());
		Mesh.Established refused = bounded.establish(second, second.remote());

		assertThat(admitted.refusal()).isNull();
		assertThat(refused.refusal()).isEqualTo(LinkAdmission.Refusal.MAX_LINKS);
		assertThat(bounded.liveLinks()).isEqualTo(1);
		assertThat(bounded.atLinkBound()).isTrue();
		assertThat(bounded.link("p2")).isNull();
	}

}
