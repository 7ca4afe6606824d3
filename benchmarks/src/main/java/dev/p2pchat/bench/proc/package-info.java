/**
 * Starting, watching and always stopping the local processes under test.
 */
@NullMarked
package dev.p2pchat.bench.proc;

import org.jspecify.annotations.NullMarked;
