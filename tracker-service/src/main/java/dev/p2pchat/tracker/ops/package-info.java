/**
 * Operational views of the registry: the live-peers gauge and counters, and the periodic
 * peer-list log line.
 */
@NullMarked
package dev.p2pchat.tracker.ops;

import org.jspecify.annotations.NullMarked;
