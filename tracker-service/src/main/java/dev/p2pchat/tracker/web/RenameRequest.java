package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.registry.PeerFields;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH /peers/{peerId}}.
 *
 * @param username the new username, 1–32 of {@code [A-Za-z0-9_.-]}
 */
record RenameRequest(@NotNull @Pattern(regexp = PeerFields.USERNAME,
		message = "must be 1-32 characters of A-Z a-z 0-9 _ . -") @Nullable String username) {

}
