/**
 * Reading {@code text/event-stream}: one parser, per the WHATWG HTML specification, for
 * every Server-Sent Events stream this peer follows (the tracker's events, the terminal
 * client's own stream).
 */
@NullMarked
package dev.p2pchat.peer.sse;

import org.jspecify.annotations.NullMarked;
