package dev.p2pchat.nemesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker on hand-made histories: a clean one passes, and each anomaly is caught.
 * Three peers a, b, c; a sends broadcasts m1, m2 and a private p1 to b.
 */
class HistoryCheckerTests {

	private final List<Op> ops = new ArrayList<>(
			List.of(ok(1, "a", null, "m1"), ok(2, "a", null, "m2"), ok(3, "a", "b", "p1")));

	private final Map<String, List<Shown>> histories = new HashMap<>(
			Map.of("a", List.of(shown("m1"), shown("m2"), shown("p1", "b")), "b",
					List.of(shown("m1"), shown("m2"), shown("p1", "b")), "c", List.of(shown("m1"), shown("m2"))));

	private final Map<String, Map<String, String>> states = new HashMap<>(
			Map.of("id-m1", Map.of("b", "delivered", "c", "delivered"), "id-m2",
					Map.of("b", "delivered", "c", "delivered"), "id-p1", Map.of("b", "delivered")));

	private final List<Observed.Snapshot> snapshots = new ArrayList<>();

	private final Map<String, List<List<Shown>>> streams = new HashMap<>();

	@Test
	void checkWhenEveryMessageArrivedOnceInOrderPasses() {
		Verdict verdict = check();

		assertThat(verdict.passed()).as(verdict.summary()).isTrue();
		assertThat(verdict.acknowledged()).isEqualTo(3);
		assertThat(verdict.deliveries()).isEqualTo(5);
	}

	@Test
	void checkWhenARecipientMarkedDeliveredDoesNotShowItReportsLost() {
		this.histories.put("c", List.of(shown("m1")));

		Verdict verdict = check();

		assertThat(verdict.passed()).isFalse();
		assertThat(verdict.lost()).singleElement().asString().contains("id-m2", "delivered to c");
	}

	@Test
	void checkWhenADeliveryIsStillPendingAfterHealingReportsLost() {
		this.histories.put("c", List.of(shown("m1")));
		this.states.put("id-m2", Map.of("b", "delivered", "c", "pending"));

		assertThat(check().lost()).singleElement().asString().contains("still pending for c");
	}

	@Test
	void checkWhenTheSenderForgotAnAcknowledgedMessageReportsLost() {
		this.histories.put("a", List.of(shown("m1"), shown("p1", "b")));

		assertThat(check().lost()).singleElement().asString().contains("id-m2", "no longer shows it");
	}

	@Test
	void checkWhenADeliveryFailedAndTheRecipientLacksItPasses() {
		this.histories.put("c", List.of(shown("m1")));
		this.states.put("id-m2", Map.of("b", "delivered", "c", "failed"));

		Verdict verdict = check();

		assertThat(verdict.passed()).as(verdict.summary()).isTrue();
		assertThat(verdict.failed()).containsOnlyKeys("id-m2->c");
	}

	@Test
	void checkWhenAPeerShowsAMessageTwiceReportsDuplicated() {
		this.histories.put("c", List.of(shown("m1"), shown("m2"), shown("m2")));

		assertThat(check().duplicated()).singleElement().asString().contains("id-m2 shown 2 times by c");
	}

	@Test
	void checkWhenOneRequestIsShownUnderTwoIdsReportsDuplicated() {
		this.histories.put("c", List.of(shown("m1"), shown("m2"), new Shown("other-id", "a", null, "m2")));

		assertThat(check().duplicated()).anySatisfy((line) -> assertThat(line).contains("\"m2\" shown under 2 ids"));
	}

	@Test
	void checkWhenAReceiverShowsASendersMessagesOutOfOrderReportsReordered() {
		this.histories.put("c", List.of(shown("m2"), shown("m1")));

		assertThat(check().reordered()).singleElement().asString().contains("c shows id-m1 from a after id-m2");
	}

	@Test
	void checkWhenTheSendersOrderContradictsTheClientsReportsReordered() {
		List<Shown> swapped = List.of(shown("m2"), shown("m1"), shown("p1", "b"));
		this.histories.put("a", swapped);
		this.histories.put("b", swapped);
		this.histories.put("c", List.of(shown("m2"), shown("m1")));

		assertThat(check().reordered()).singleElement()
			.asString()
			.contains("a put id-m2 before id-m1, which was acknowledged before");
	}

	@Test
	void checkWhenAMessageWasNeverSentReportsPhantom() {
		this.histories.put("c", List.of(shown("m1"), shown("m2"), new Shown("id-x", "b", null, "never sent")));

		assertThat(check().phantom()).singleElement().asString().contains("id-x", "never sent");
	}

	@Test
	void checkWhenARefusedRequestIsShownReportsPhantom() {
		this.ops.add(new Op(4, "a", null, "m3", 40, 41, Op.Outcome.REFUSED, 404, null, false));
		this.histories.put("c", List.of(shown("m1"), shown("m2"), shown("m3")));

		assertThat(check().phantom()).singleElement().asString().contains("its request was refused (404)");
	}

	@Test
	void checkWhenAMessageShowsAnotherSenderReportsPhantom() {
		this.histories.put("c", List.of(shown("m1"), new Shown("id-m2", "b", null, "m2")));

		assertThat(check().phantom()).singleElement().asString().contains("from b: sent by a");
	}

	@Test
	void checkWhenAnUnknownRequestIsShownOrNotPassesEitherWay() {
		this.ops.add(new Op(4, "a", null, "u1", 40, 41, Op.Outcome.UNKNOWN, -2, null, false));
		this.ops.add(new Op(5, "a", null, "u2", 42, 43, Op.Outcome.UNKNOWN, -2, null, false));
		this.histories.put("c", List.of(shown("m1"), shown("m2"), new Shown("id-u1", "a", null, "u1")));

		Verdict verdict = check();

		assertThat(verdict.passed()).as(verdict.summary()).isTrue();
		assertThat(verdict.unknown()).isEqualTo(2);
		assertThat(verdict.unknownShown()).isEqualTo(1);
	}

	@Test
	void checkWhenAThirdPeerShowsAPrivateMessageReportsALeak() {
		this.histories.put("c", List.of(shown("m1"), shown("m2"), shown("p1", "b")));

		assertThat(check().leaks()).singleElement().asString().contains("id-p1", "to b shown by c");
	}

	@Test
	void checkWhenARestartLostPartOfAHistoryReportsIt() {
		this.snapshots.add(new Observed.Snapshot("c", "kill -9", List.of("id-m1", "id-m2")));
		this.histories.put("c", List.of(shown("m2")));
		this.states.put("id-m1", Map.of("b", "delivered", "c", "failed"));

		assertThat(check().historyChanged()).singleElement().asString().contains("c lost id-m1 across its restart");
	}

	@Test
	void checkWhenARestartKeptTheHistoryAndAddedToItPasses() {
		this.snapshots.add(new Observed.Snapshot("c", "kill -9", List.of("id-m1")));

		assertThat(check().historyChanged()).isEmpty();
	}

	@Test
	void checkWhenAStreamShowsAMessageTwiceInOneSessionReportsDuplicated() {
		this.streams.put("c", List.of(List.of(shown("m1"), shown("m2"), shown("m2"))));

		assertThat(check().duplicated()).singleElement().asString().contains("id-m2 shown 2 times by stream 1 of c");
	}

	@Test
	void checkWhenAMessageIsShownAgainOnANewSessionPasses() {
		this.streams.put("c", List.of(List.of(shown("m1")), List.of(shown("m1"), shown("m2"))));

		assertThat(check().passed()).isTrue();
	}

	@Test
	void checkWhenAStreamShowsAMessageNeverSentOrOutOfOrderReportsIt() {
		this.streams.put("c", List.of(List.of(shown("m2"), shown("m1"), new Shown("id-x", "a", null, "ghost"))));

		Verdict verdict = check();

		assertThat(verdict.phantom()).singleElement().asString().contains("stream 1 of c: never sent");
		assertThat(verdict.reordered()).singleElement().asString().contains("stream 1 of c shows id-m1");
	}

	@Test
	void checkWhenAThirdPeersStreamShowsAPrivateMessageReportsALeak() {
		this.streams.put("c", List.of(List.of(shown("p1", "b"))));

		assertThat(check().leaks()).singleElement().asString().contains("shown by stream 1 of c");
	}

	private Verdict check() {
		return HistoryChecker.check(this.ops, new Observed(this.histories, this.states, this.snapshots, this.streams));
	}

	/** Acknowledged, each answered before the next was sent. */
	private static Op ok(long seq, String sender, @Nullable String to, String text) {
		return new Op(seq, sender, to, text, seq * 10, seq * 10 + 5, Op.Outcome.OK, 202, "id-" + text, false);
	}

	private static Shown shown(String text) {
		return new Shown("id-" + text, "a", null, text);
	}

	private static Shown shown(String text, String to) {
		return new Shown("id-" + text, "a", to, text);
	}

}
