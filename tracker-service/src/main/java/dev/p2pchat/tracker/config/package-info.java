/**
 * Configuration properties and the wiring of the tracker's beans.
 */
@NullMarked
package dev.p2pchat.tracker.config;

import org.jspecify.annotations.NullMarked;
