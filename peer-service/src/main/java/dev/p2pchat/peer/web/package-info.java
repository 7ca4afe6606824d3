/**
 * The public HTTP API: REST controllers, the SSE message stream, problem details and
 * health.
 */
@NullMarked
package dev.p2pchat.peer.web;

import org.jspecify.annotations.NullMarked;
