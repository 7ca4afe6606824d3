/**
 * This peer's identity key: kept in its data directory and wired as a bean. The key, the
 * peerId rule, the handshake and the sealing of frames are the {@code link-protocol}
 * module's ({@code dev.p2pchat.link.identity}, {@code dev.p2pchat.link.handshake}).
 */
@NullMarked
package dev.p2pchat.peer.identity;

import org.jspecify.annotations.NullMarked;
