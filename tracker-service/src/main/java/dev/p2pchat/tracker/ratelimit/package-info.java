/**
 * How many registrations one client address may make: the limiter seam, its in-memory
 * form (one tracker) and its Redis form (shared by every replica).
 */
@NullMarked
package dev.p2pchat.tracker.ratelimit;

import org.jspecify.annotations.NullMarked;
