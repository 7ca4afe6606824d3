/**
 * The workloads W1 to W5 and the orchestration of repeated runs.
 */
@NullMarked
package dev.p2pchat.bench.work;

import org.jspecify.annotations.NullMarked;
