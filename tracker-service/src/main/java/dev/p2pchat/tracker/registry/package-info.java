/**
 * The peer registry: who is online, their leases and the domain events of every change;
 * storage sits behind PeerRegistry.
 */
@NullMarked
package dev.p2pchat.tracker.registry;

import org.jspecify.annotations.NullMarked;
