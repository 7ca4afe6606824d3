package dev.p2pchat.peer.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the actions on a message made of it (docs/api.md).
 *
 * @param replyTo the message it answers, {@code null} when none
 * @param edited whether its sender edited its text
 * @param deleted whether its sender deleted it (its text is then gone)
 * @param reactions per emoji, the usernames that reacted with it, in order
 * @param readBy who has read it (up to it or past it), peerId to username
 */
public record MessageActions(@Nullable UUID replyTo, boolean edited, boolean deleted,
		Map<String, List<String>> reactions, Map<String, String> readBy) {
}
