/**
 * Talks to the tracker: registration with lease renewal, the directory of known peers fed
 * by the tracker's event stream.
 */
@NullMarked
package dev.p2pchat.peer.tracker;

import org.jspecify.annotations.NullMarked;
