/**
 * Chat semantics on top of the mesh: messages, ids, history, de-duplication, delivery
 * states and live events.
 */
@NullMarked
package dev.p2pchat.peer.messaging;

import org.jspecify.annotations.NullMarked;
