/**
 * The peer's durable storage: an append-only journal of records in the data directory,
 * with snapshots, group commit and a configurable sync policy.
 */
@NullMarked
package dev.p2pchat.peer.store;

import org.jspecify.annotations.NullMarked;
