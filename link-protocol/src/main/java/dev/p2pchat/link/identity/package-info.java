/**
 * Who a peer is, in the fixed encodings of the protocol: Ed25519 keys (refusing
 * non-canonical and small-order ones), self-certifying peerIds, base32 and base64url, and
 * the text a peer signs to register with the tracker. Plain Java, no Spring.
 */
@NullMarked
package dev.p2pchat.link.identity;

import org.jspecify.annotations.NullMarked;
