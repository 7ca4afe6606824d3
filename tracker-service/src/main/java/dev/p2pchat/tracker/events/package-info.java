/**
 * The server-sent event stream of registry changes, fanned out to every subscriber
 * without letting one block another.
 */
@NullMarked
package dev.p2pchat.tracker.events;

import org.jspecify.annotations.NullMarked;
