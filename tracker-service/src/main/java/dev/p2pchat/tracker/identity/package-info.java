/**
 * Who may register: the proof that a peer holds the key its peerId is derived from, and
 * the cache that accepts each proof only once.
 */
@NullMarked
package dev.p2pchat.tracker.identity;

import org.jspecify.annotations.NullMarked;
