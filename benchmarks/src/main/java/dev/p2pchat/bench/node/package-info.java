/**
 * What runs inside a measured node process (a peer started with the driver, or a raw
 * WebSocket mesh node): sending, counting and reporting to the orchestrator. Uses only
 * the JDK (and Spring in the peer driver).
 */
@NullMarked
package dev.p2pchat.bench.node;

import org.jspecify.annotations.NullMarked;
