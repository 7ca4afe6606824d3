package dev.p2pchat.weblimits;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what a service refused before serving it, in one counter per reason from the
 * service's own fixed set (an enum), so that the series stay few whatever clients send.
 * Every reason is registered at start, tagged {@code reason} with its name in lowercase
 * and dashes ({@code BAD_ENCODING} is {@code bad-encoding}). Thread-safe. A service names
 * its counter and reasons in a subclass.
 *
 * @param <R> the service's reasons
 */
public class RefusalCounter<R extends Enum<R>> {

	private final Map<R, Counter> counters;

	/**
	 * Registers a counter per reason.
	 * @param meters the registry
	 * @param name the counter's name (the service's, e.g. {@code p2pchat.http.refused})
	 * @param reasons the service's reasons
	 */
	public RefusalCounter(MeterRegistry meters, String name, Class<R> reasons) {
		this.counters = new EnumMap<>(reasons);
		for (R reason : reasons.getEnumConstants()) {
			this.counters.put(reason,
					Counter.builder(name)
						.description("requests and connections refused before they were served, by reason")
						.tag("reason", tag(reason))
						.register(meters));
		}
	}

	/**
	 * Counts one refusal.
	 * @param reason why
	 */
	public final void refused(R reason) {
		this.counters.get(reason).increment();
	}

	static String tag(Enum<?> reason) {
		return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
