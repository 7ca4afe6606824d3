/**
 * Configuration properties, identity of this peer, clock and retry backoff.
 */
@NullMarked
package dev.p2pchat.peer.config;

import org.jspecify.annotations.NullMarked;
