/**
 * What a stranger can make this peer hold, bounded before any feature sees the request:
 * connections per client address (on Tomcat's acceptor), strictly valid UTF-8 in request
 * addresses and bodies, per-address rates, and the count of refusals by reason.
 */
@NullMarked
package dev.p2pchat.peer.limits;

import org.jspecify.annotations.NullMarked;
