/**
 * The terminal client ({@code p2pchat.peer.console=true}): reads the original program's
 * commands from standard input and prints what this peer sees, using only the peer's
 * public HTTP API on loopback.
 */
@NullMarked
package dev.p2pchat.peer.console;

import org.jspecify.annotations.NullMarked;
