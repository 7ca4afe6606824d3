/**
 * The link's reliability windows, as JGroups' {@code UNICAST3} keeps them: a
 * {@link SendWindow} per recipient (numbering, what is unacknowledged, what to resend)
 * and a {@link ReceiveWindow} per sender (which numbers were delivered, and the
 * cumulative acknowledgement owed, paced by an injected {@link java.time.Clock}). Both
 * outlive links.
 */
@NullMarked
package dev.p2pchat.link.reliability;

import org.jspecify.annotations.NullMarked;
