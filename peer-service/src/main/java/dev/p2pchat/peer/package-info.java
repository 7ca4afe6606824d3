/**
 * The peer-service application and its cross-cutting configuration.
 */
@NullMarked
package dev.p2pchat.peer;

import org.jspecify.annotations.NullMarked;
