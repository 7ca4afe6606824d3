/**
 * The limits the services are measured against: a bare HTTP endpoint, a minimal WebSocket
 * mesh node and a batched raw-TCP mesh node.
 */
@NullMarked
package dev.p2pchat.bench.limit;

import org.jspecify.annotations.NullMarked;
