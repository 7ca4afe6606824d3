package dev.p2pchat.nemesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges what the peers show after healing against what the client was told. A message is
 * matched to its request by its text (unique per request). Checks, per run:
 * <ul>
 * <li>lost: a 202 whose message its sender no longer has, or that a recipient neither
 * shows (while marked delivered, or still pending) nor has marked failed;</li>
 * <li>duplicated: one id twice in one history, or one request's text under two ids;</li>
 * <li>reordered: a receiver shows a sender's messages out of the order of the sender's
 * own history, or the sender's history contradicts the client's real-time order (a
 * request answered before another was sent comes first);</li>
 * <li>phantom: shown but never sent, sent by someone else, refused, or under another id
 * than the 202 gave;</li>
 * <li>leaks: a private message shown by a peer other than its sender and recipient;</li>
 * <li>history changed: a snapshot taken before a restart is not kept, in order, by the
 * final history.</li>
 * </ul>
 */
public final class HistoryChecker {

	private HistoryChecker() {
	}

	public static Verdict check(List<Op> ops, Observed observed) {
		Map<String, Op> byText = new HashMap<>();
		ops.forEach((op) -> byText.put(op.text(), op));
		Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
		observed.histories().forEach((peer, shown) -> {
			Map<String, Integer> ids = new HashMap<>();
			shown.forEach((message) -> ids.merge(message.id(), 1, Integer::sum));
			counts.put(peer, ids);
		});

		List<String> lost = new ArrayList<>();
		Map<String, String> failed = new LinkedHashMap<>();
		int deliveries = 0;
		int failedButShown = 0;
		for (Op op : ops) {
			if (op.outcome() != Op.Outcome.OK) {
				continue;
			}
			String id = Objects.requireNonNull(op.id());
			if (!counts.getOrDefault(op.sender(), Map.of()).containsKey(id)) {
				lost.add(id + " (" + op.text() + "): its sender " + op.sender() + " no longer shows it");
				continue;
			}
			Map<String, String> states = observed.states().get(id);
			if (states == null) {
				lost.add(id + " (" + op.text() + "): its sender " + op.sender() + " has no delivery state for it");
				continue;
			}
			if (op.to() != null && !states.containsKey(op.to())) {
				lost.add(id + " (" + op.text() + "): private to " + op.to() + " but not addressed to it");
			}
			for (var recipient : states.entrySet()) {
				boolean shown = counts.getOrDefault(recipient.getKey(), Map.of()).containsKey(id);
				switch (recipient.getValue()) {
					case "delivered" -> {
						if (shown) {
							deliveries++;
						}
						else {
							lost.add(id + " (" + op.text() + "): marked delivered to " + recipient.getKey()
									+ ", which does not show it");
						}
					}
					case "failed" -> {
						failed.put(id + "->" + recipient.getKey(), op.text());
						if (shown) {
							failedButShown++;
						}
					}
					default -> {
						if (!shown) {
							lost.add(id + " (" + op.text() + "): still " + recipient.getValue() + " for "
									+ recipient.getKey() + " after healing");
						}
						else {
							deliveries++;
						}
					}
				}
			}
		}

		List<String> duplicated = new ArrayList<>();
		counts.forEach((peer, ids) -> ids.forEach((id, count) -> {
			if (count > 1) {
				duplicated.add(id + " shown " + count + " times by " + peer);
			}
		}));
		Map<String, Set<String>> idsOfText = new HashMap<>();
		observed.histories()
			.values()
			.forEach((shown) -> shown
				.forEach((message) -> idsOfText.computeIfAbsent(message.text(), (text) -> new HashSet<>())
					.add(message.id())));
		idsOfText.forEach((text, ids) -> {
			if (ids.size() > 1) {
				duplicated.add("\"" + text + "\" shown under " + ids.size() + " ids " + ids);
			}
		});

		List<String> phantom = new ArrayList<>();
		List<String> leaks = new ArrayList<>();
		Set<String> unknownShown = new HashSet<>();
		observed.histories()
			.forEach((peer, shown) -> shownOnlyWhatWasSent(peer, peer, shown, byText, phantom, leaks, unknownShown));

		List<String> reordered = new ArrayList<>();
		Map<String, Map<String, Integer>> senderOrder = new HashMap<>();
		observed.histories().forEach((peer, shown) -> {
			Map<String, Integer> order = new HashMap<>();
			for (Shown message : shown) {
				if (message.from().equals(peer)) {
					order.putIfAbsent(message.id(), order.size());
				}
			}
			senderOrder.put(peer, order);
		});
		observed.histories()
			.forEach((receiver, shown) -> inSendersOrder(receiver, receiver, shown, senderOrder, reordered));
		reordered.addAll(clientOrderViolations(ops, senderOrder));

		// what the live streams showed: once per session, in order, only what was sent
		observed.streams().forEach((peer, sessions) -> {
			for (int i = 0; i < sessions.size(); i++) {
				String where = "stream " + (i + 1) + " of " + peer;
				List<Shown> session = sessions.get(i);
				Map<String, Integer> ids = new HashMap<>();
				session.forEach((message) -> ids.merge(message.id(), 1, Integer::sum));
				ids.forEach((id, count) -> {
					if (count > 1) {
						duplicated.add(id + " shown " + count + " times by " + where);
					}
				});
				shownOnlyWhatWasSent(peer, where, session, byText, phantom, leaks, new HashSet<>());
				inSendersOrder(peer, where, session, senderOrder, reordered);
			}
		});

		List<String> historyChanged = new ArrayList<>();
		for (Observed.Snapshot snapshot : observed.snapshots()) {
			List<Shown> after = observed.histories().getOrDefault(snapshot.peer(), List.of());
			Map<String, Integer> position = new HashMap<>();
			for (int i = 0; i < after.size(); i++) {
				position.putIfAbsent(after.get(i).id(), i);
			}
			int last = -1;
			for (String id : snapshot.ids()) {
				Integer at = position.get(id);
				if (at == null) {
					historyChanged
						.add(snapshot.peer() + " lost " + id + " across its restart (" + snapshot.why() + ")");
				}
				else if (at < last) {
					historyChanged
						.add(snapshot.peer() + " moved " + id + " across its restart (" + snapshot.why() + ")");
				}
				else {
					last = at;
				}
			}
		}

		int acknowledged = (int) ops.stream().filter((op) -> op.outcome() == Op.Outcome.OK).count();
		int refused = (int) ops.stream().filter((op) -> op.outcome() == Op.Outcome.REFUSED).count();
		return new Verdict(ops.size(), acknowledged, refused, ops.size() - acknowledged - refused, unknownShown.size(),
				deliveries, failed.size(), failedButShown, failed, lost, duplicated, reordered, phantom, leaks,
				historyChanged);
	}

	/**
	 * Each message shown was sent, by its sender, not refused, and is not a private leak.
	 */
	private static void shownOnlyWhatWasSent(String peer, String where, List<Shown> shown, Map<String, Op> byText,
			List<String> phantom, List<String> leaks, Set<String> unknownShown) {
		for (Shown message : shown) {
			Op op = byText.get(message.text());
			if (op == null) {
				phantom.add(message.id() + " \"" + cut(message.text()) + "\" shown by " + where + ": never sent");
				continue;
			}
			if (!op.sender().equals(message.from())) {
				phantom
					.add(message.id() + " shown by " + where + " from " + message.from() + ": sent by " + op.sender());
			}
			else if (op.outcome() == Op.Outcome.REFUSED) {
				phantom.add(message.id() + " (" + op.text() + ") shown by " + where + ": its request was refused ("
						+ op.status() + ")");
			}
			else if (op.outcome() == Op.Outcome.OK && !message.id().equals(op.id())) {
				phantom.add(message.id() + " (" + op.text() + ") shown by " + where + ": the 202 gave " + op.id());
			}
			else if (op.outcome() == Op.Outcome.UNKNOWN) {
				unknownShown.add(op.text());
			}
			String to = (op.to() != null) ? op.to() : message.to();
			if (to != null && !peer.equals(op.sender()) && !peer.equals(to)) {
				leaks.add(
						message.id() + " (" + op.text() + ") from " + op.sender() + " to " + to + " shown by " + where);
			}
		}
	}

	/** A receiver shows each sender's messages in the order of the sender's history. */
	private static void inSendersOrder(String receiver, String where, List<Shown> shown,
			Map<String, Map<String, Integer>> senderOrder, List<String> reordered) {
		Map<String, Integer> highest = new HashMap<>();
		Map<String, String> highestId = new HashMap<>();
		for (Shown message : shown) {
			if (message.from().equals(receiver)) {
				continue;
			}
			Integer position = senderOrder.getOrDefault(message.from(), Map.of()).get(message.id());
			if (position == null) {
				continue;
			}
			Integer before = highest.get(message.from());
			if (before != null && position < before) {
				reordered.add(where + " shows " + message.id() + " from " + message.from() + " after "
						+ highestId.get(message.from()) + ", which " + message.from() + " sent later");
			}
			else {
				highest.put(message.from(), position);
				highestId.put(message.from(), message.id());
			}
		}
	}

	/**
	 * A request answered 202 before another to the same sender was made must come first
	 * in the sender's history.
	 */
	private static List<String> clientOrderViolations(List<Op> ops, Map<String, Map<String, Integer>> senderOrder) {
		List<String> violations = new ArrayList<>();
		Map<String, List<Op>> bySender = new HashMap<>();
		for (Op op : ops) {
			if (op.outcome() == Op.Outcome.OK
					&& senderOrder.getOrDefault(op.sender(), Map.of()).containsKey(Objects.requireNonNull(op.id()))) {
				bySender.computeIfAbsent(op.sender(), (sender) -> new ArrayList<>()).add(op);
			}
		}
		bySender.forEach((sender, list) -> {
			Map<String, Integer> order = senderOrder.get(sender);
			List<Op> byStart = list.stream().sorted(Comparator.comparingLong(Op::startNanos)).toList();
			List<Op> byEnd = list.stream().sorted(Comparator.comparingLong(Op::endNanos)).toList();
			int ended = 0;
			Op latest = null;
			for (Op op : byStart) {
				while (ended < byEnd.size() && byEnd.get(ended).endNanos() < op.startNanos()) {
					Op done = byEnd.get(ended++);
					if (latest == null || order.get(done.id()) > order.get(latest.id())) {
						latest = done;
					}
				}
				if (latest != null && order.get(op.id()) < order.get(latest.id())) {
					violations.add(sender + " put " + op.id() + " before " + latest.id()
							+ ", which was acknowledged before " + op.id() + " was sent");
				}
			}
		});
		return violations;
	}

	private static String cut(String text) {
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

}
