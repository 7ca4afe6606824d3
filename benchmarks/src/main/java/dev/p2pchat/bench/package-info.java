/**
 * The benchmark tool: starts the services as local processes and measures them.
 */
@NullMarked
package dev.p2pchat.bench;

import org.jspecify.annotations.NullMarked;
