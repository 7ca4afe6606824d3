package dev.p2pchat.tracker.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an open tracker guards names and identities:
 * {@code p2pchat.tracker.name-reservation} (a name fixed by the product contract) and the
 * Sybil limits ({@code p2pchat.tracker.sybil.*}, internal knobs).
 *
 * @param nameReservation how long a departed peer's name (it left, or its lease ran out)
 * stays reserved for its key: long enough for a restart after a crash (the lease runs out
 * first), short enough that a name given up is free again soon; zero reserves nothing
 * @param sybil how many new identities one address and one network may register
 */
@ConfigurationProperties("p2pchat.tracker")
public record IdentityProperties(@DefaultValue("10m") Duration nameReservation, @DefaultValue Sybil sybil) {

	public IdentityProperties {
		if (nameReservation.isNegative()) {
			throw new IllegalArgumentException("p2pchat.tracker.name-reservation must not be negative");
		}
	}

	/**
	 * New identities (peerIds not yet registered from there in the current window) per
	 * client address and per network prefix ({@code p2pchat.tracker.sybil.*}). A window
	 * of one {@code period} starts with the first identity counted in it. This bounds how
	 * fast one host or one network fills the directory with made-up peers; it cannot stop
	 * anyone who holds many networks (see docs/security.md).
	 *
	 * @param perAddress new identities per client address (an IPv6 /64) per period
	 * @param perPrefix new identities per network prefix per period
	 * @param period the window
	 * @param ipv4PrefixLength the IPv4 network prefix, in bits
	 * @param ipv6PrefixLength the IPv6 network prefix, in bits
	 * @param maxTracked how many addresses, and how many prefixes, are tracked at once
	 * (in memory); the oldest window is forgotten first when full
	 */
	public record Sybil(@DefaultValue("30") int perAddress, @DefaultValue("100") int perPrefix,
			@DefaultValue("1h") Duration period, @DefaultValue("24") int ipv4PrefixLength,
			@DefaultValue("48") int ipv6PrefixLength, @DefaultValue("10000") int maxTracked) {

		public Sybil {
			if (perAddress < 1 || perPrefix < 1 || maxTracked < 1) {
				throw new IllegalArgumentException(
						"p2pchat.tracker.sybil.per-address, per-prefix and max-tracked must be at least 1");
			}
			if (period.isNegative() || period.isZero()) {
				throw new IllegalArgumentException("p2pchat.tracker.sybil.period must be positive");
			}
			if (ipv4PrefixLength < 8 || ipv4PrefixLength > 32 || ipv6PrefixLength < 16 || ipv6PrefixLength > 128) {
				throw new IllegalArgumentException(
						"p2pchat.tracker.sybil.ipv4-prefix-length must be 8-32 and ipv6-prefix-length 16-128");
			}
		}

	}

}
