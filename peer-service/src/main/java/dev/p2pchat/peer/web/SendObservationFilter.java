package dev.p2pchat.peer.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves {@code POST /messages} out of the {@code http.server.requests} observation (and
 * so out of that metric); every other request is still observed. On the send path the
 * observation was about a tenth of the request's CPU time, for a figure the
 * {@code p2pchat.messages.sent} counter already gives (see {@code docs/peer.md},
 * Performance).
 */
final class SendObservationFilter implements ObservationPredicate {

	@Override
	public boolean test(String name, Observation.Context context) {
		return !(context instanceof ServerRequestObservationContext request
				&& "POST".equals(request.getCarrier().getMethod())
				&& "/messages".equals(request.getCarrier().getRequestURI()));
	}

}
