/**
 * What runs inside a measured node process (a peer started with the driver, or a raw
 * WebSocket mesh node): sending, counting and reporting to the orchestrator. Uses only
 * the JDK, and in the peer driver the peer's own classes and Spring (compiled against
 * peer-service, provided by the peer's JVM).
 */
@NullMarked
package dev.p2pchat.bench.node;

import org.jspecify.annotations.NullMarked;
