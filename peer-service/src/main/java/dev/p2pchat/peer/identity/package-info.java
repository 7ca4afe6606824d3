/**
 * This peer's identity key and the cryptography of links: Ed25519 keys and signatures,
 * self-certifying peerIds, the handshake's key schedule and the sealing of frames. The
 * mesh calls it; nothing here knows about WebSockets.
 */
@NullMarked
package dev.p2pchat.peer.identity;

import org.jspecify.annotations.NullMarked;
