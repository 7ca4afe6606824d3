/**
 * Signatures that travel with chat messages and receipts, so that any peer may carry them
 * and whoever shows them can check them: the canonical bytes a sender signs, an RFC 6962
 * hash tree over a batch of them with one Ed25519 signature over its root (a signed tree
 * head, as in Certificate Transparency), and each message's proof (the signature, its
 * place in the tree and its audit path). See ADR 0006 and docs/protocol.md. Plain Java,
 * no Spring.
 */
@NullMarked
package dev.p2pchat.link.signing;

import org.jspecify.annotations.NullMarked;
