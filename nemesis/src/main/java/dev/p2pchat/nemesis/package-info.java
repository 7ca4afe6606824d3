/**
 * A Jepsen-style fault run: real tracker and peer processes behind fault-injecting
 * proxies, a client workload on the public API, a nemesis that picks faults from a seed,
 * and a checker of the histories afterwards.
 */
@NullMarked
package dev.p2pchat.nemesis;

import org.jspecify.annotations.NullMarked;
