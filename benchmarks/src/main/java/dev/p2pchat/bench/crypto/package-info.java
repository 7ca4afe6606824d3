/**
 * A copy of the peer's link cryptography ({@code dev.p2pchat.peer.identity}: handshake
 * and frame sealing), so that simulated peers speak link protocol 2; keep it in step with
 * the peer's.
 */
@NullMarked
package dev.p2pchat.bench.crypto;

import org.jspecify.annotations.NullMarked;
