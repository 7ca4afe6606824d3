/**
 * What a stranger can make the tracker hold, bounded before the API sees a request:
 * connections per client address (on Tomcat's acceptor), Tomcat's own refusals as
 * problem+json, strictly valid UTF-8 in request addresses and bodies, and the count of
 * refusals by reason.
 */
@NullMarked
package dev.p2pchat.tracker.limits;

import org.jspecify.annotations.NullMarked;
