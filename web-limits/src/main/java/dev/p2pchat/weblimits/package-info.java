/**
 * The bounds both services apply before any feature sees a request, as plain classes each
 * service registers with its own properties and counters: connections per client address
 * on Tomcat's acceptor ({@link dev.p2pchat.weblimits.PerAddressNioProtocol}), strictly
 * valid UTF-8 in request addresses and bodies
 * ({@link dev.p2pchat.weblimits.StrictUtf8Filter}), the request body size
 * ({@link dev.p2pchat.weblimits.BodySizeLimit}) and the count of refusals by reason
 * ({@link dev.p2pchat.weblimits.RefusalCounter}).
 */
@NullMarked
package dev.p2pchat.weblimits;

import org.jspecify.annotations.NullMarked;
