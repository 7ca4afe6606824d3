/**
 * The limits the services are measured against: a bare HTTP endpoint and a minimal
 * WebSocket mesh node.
 */
@NullMarked
package dev.p2pchat.bench.limit;

import org.jspecify.annotations.NullMarked;
