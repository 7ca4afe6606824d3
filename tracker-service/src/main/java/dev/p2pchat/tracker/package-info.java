/**
 * The tracker-service application and its cross-cutting configuration.
 */
@NullMarked
package dev.p2pchat.tracker;

import org.jspecify.annotations.NullMarked;
