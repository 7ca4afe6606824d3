package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLogTests {

	private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

	private final MessageLog log = new MessageLog(1000);

	@Test
	void pageBeforeWhenIdKnownListsTheMessagesJustBeforeItOldestFirst() {
		List<LoggedMessage> all = appendBroadcasts(10, "bob");

		assertThat(this.log.pageBefore(3, id(all, 5))).extracting(ChatMessage::text).containsExactly("2", "3", "4");
		assertThat(this.log.pageBefore(3, id(all, 1))).extracting(ChatMessage::text).containsExactly("0");
		assertThat(this.log.pageBefore(3, id(all, 0))).isEmpty();
		assertThat(this.log.pageBefore(3, UUID.randomUUID())).isEmpty();
	}

	@Test
	void missedByWhenNewcomerOffersTheNewestOwnBroadcastsOnlyOldestFirst() {
		appendBroadcasts(5, null);
		this.log.append(message("me", "private", "dave-id"));
		this.log.append(LoggedMessage
			.received(new ChatMessage(UUID.randomUUID(), "bob-id", "bob", null, null, "from bob", T0)));

		assertThat(this.log.missedBy("dave-id", "me", null, 3)).extracting(ChatMessage::text)
			.containsExactly("2", "3", "4");
	}

	@Test
	void missedByWhenReceiverHoldsSomeOffersWhatFollowsUpToThePendingOnes() {
		List<LoggedMessage> all = appendBroadcasts(4, "dave-id");
		all.get(1).settle("dave-id", DeliveryState.DELIVERED);
		all.get(2).settle("dave-id", DeliveryState.FAILED);

		assertThat(this.log.missedBy("dave-id", "me", id(all, 0), 100)).extracting(ChatMessage::text)
			.containsExactly("1", "2");
		assertThat(this.log.missedBy("dave-id", "me", id(all, 3), 100)).isEmpty();
	}

	@Test
	void appendWhenPastTheByteBoundForgetsTheOldestFirst() {
		String text = "x".repeat(1_000);
		long weight = LoggedMessage.received(received("0" + text)).weight();
		var bounded = new MessageLog(new HistoryBound(1_000, 3 * weight), null, List.of());
		for (int i = 0; i < 5; i++) {
			bounded.append(LoggedMessage.received(received(i + text)));
		}
		bounded.append(LoggedMessage.received(received("small")));

		assertThat(bounded.all()).extracting((logged) -> logged.message().text())
			.containsExactly("3" + text, "4" + text, "small");
	}

	@Test
	void appendWhenOneMessageWeighsMoreThanTheBoundKeepsItAlone() {
		var bounded = new MessageLog(new HistoryBound(1_000, 100), null, List.of());
		bounded.append(LoggedMessage.received(received("first")));
		bounded.append(LoggedMessage.received(received("second")));

		assertThat(bounded.all()).extracting((logged) -> logged.message().text()).containsExactly("second");
	}

	private static ChatMessage received(String text) {
		return new ChatMessage(UUID.randomUUID(), "bob-id", "bob", null, null, text, T0);
	}

	@Test
	void findWhenAnotherSenderReusedAnIdKeepsBothEachUnderItsSender() {
		UUID id = UUID.randomUUID();
		this.log.append(received(id, "mallory-id", "mallory", "squatted"));
		this.log.append(received(id, "alice-id", "alice", "alice's own"));

		assertThat(this.log.find("alice-id", id))
			.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo("alice's own"));
		assertThat(this.log.find("mallory-id", id))
			.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo("squatted"));
		assertThat(this.log.page(10, null)).extracting(ChatMessage::from).containsExactly("mallory", "alice");
	}

	@Test
	void findWhenThisPeersOwnIdIsReusedAnswersItsOwnMessage() {
		List<LoggedMessage> own = appendBroadcasts(1, "bob-id");
		UUID id = own.getFirst().message().id();

		this.log.append(received(id, "mallory-id", "mallory", "squatted"));

		assertThat(this.log.find(id)).hasValue(own.getFirst());
		assertThat(this.log.missedBy("bob-id", "me", id, 10)).isEmpty();
	}

	@Test
	void findWhenTheFirstHolderOfAnIdIsForgottenAnswersTheOtherOne() {
		var small = new MessageLog(2);
		UUID id = UUID.randomUUID();
		small.append(received(id, "mallory-id", "mallory", "squatted"));
		small.append(received(id, "alice-id", "alice", "alice's own"));

		small.append(received(UUID.randomUUID(), "bob-id", "bob", "later"));

		assertThat(small.find(id))
			.hasValueSatisfying((logged) -> assertThat(logged.message().text()).isEqualTo("alice's own"));
		assertThat(small.find("mallory-id", id)).isEmpty();
	}

	@Test
	void talksWithWhenAMessageFromOrAPrivateOneToThatPeerIsHeldSaysSoUntilItIsForgotten() {
		var small = new MessageLog(2);
		small.append(message("me", "psst", "dave-id"));
		small.append(received(UUID.randomUUID(), "eve-id", "eve", "hello"));

		assertThat(small.talksWith("dave-id")).isTrue();
		assertThat(small.talksWith("eve-id")).isTrue();
		assertThat(small.talksWith("bob-id")).isFalse();
		small.append(received(UUID.randomUUID(), "carol-id", "carol", "hi"));
		small.append(received(UUID.randomUUID(), "carol-id", "carol", "again"));
		assertThat(small.talksWith("dave-id")).isFalse();
		assertThat(small.talksWith("eve-id")).isFalse();
		assertThat(small.talksWith("carol-id")).isTrue();
	}

	@Test
	void talksWithWhenOnlyThisPeersBroadcastsReachedThatPeerSaysNo() {
		appendBroadcasts(3, "bob-id");

		assertThat(this.log.talksWith("bob-id")).isFalse();
	}

	private static LoggedMessage received(UUID id, String fromId, String from, String text) {
		return LoggedMessage.received(new ChatMessage(id, fromId, from, null, null, text, T0));
	}

	private List<LoggedMessage> appendBroadcasts(int count, String recipient) {
		List<LoggedMessage> appended = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ChatMessage message = new ChatMessage(UUID.randomUUID(), "me", "alice", null, null, String.valueOf(i),
					T0.plusSeconds(i));
			List<String> recipients = (recipient != null) ? List.of(recipient) : List.of();
			LoggedMessage logged = new LoggedMessage(message, recipients, recipients);
			this.log.append(logged);
			appended.add(logged);
		}
		return appended;
	}

	private static LoggedMessage message(String from, String text, String to) {
		return new LoggedMessage(new ChatMessage(UUID.randomUUID(), from, "alice", to, "dave", text, T0), List.of(to),
				List.of("dave"));
	}

	private static UUID id(List<LoggedMessage> messages, int index) {
		return messages.get(index).message().id();
	}

}
