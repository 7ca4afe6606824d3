/**
 * The link handshake of protocol version 3 as a state machine that says its next step,
 * and the sealed channel it splits into (one {@link FrameSealer} and one
 * {@link FrameOpener} per side). Knows nothing about WebSockets or frames' content. See
 * {@code docs/protocol.md} for the byte layout.
 */
@NullMarked
package dev.p2pchat.link.handshake;

import org.jspecify.annotations.NullMarked;
