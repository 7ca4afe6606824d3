/**
 * A lean HTTP/1.1 load generator and SSE reader on plain keep-alive sockets.
 */
@NullMarked
package dev.p2pchat.bench.http;

import org.jspecify.annotations.NullMarked;
