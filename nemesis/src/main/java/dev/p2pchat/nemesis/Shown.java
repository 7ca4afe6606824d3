package dev.p2pchat.nemesis;

import org.jspecify.annotations.Nullable;

/**
 * One message as a peer's {@code GET /messages} shows it.
 *
 * @param id its id
 * @param from the sender's username
 * @param to the recipient's username of a private message, or null
 * @param text its text
 */
public record Shown(String id, String from, @Nullable String to, String text) {

}
