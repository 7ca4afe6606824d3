/**
 * Direct WebSocket links between peers: dial rule, handshake, per-peer outboxes with
 * acks, pings and redial.
 */
@NullMarked
package dev.p2pchat.peer.mesh;

import org.jspecify.annotations.NullMarked;
