package dev.p2pchat.peer.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Whether others can dial this peer, and what it relays for others, bound from
 * {@code p2pchat.peer.reachable} and {@code p2pchat.peer.relay.*} (docs/peer.md,
 * "Reach").
 *
 * @param reachable {@code auto} (learned by asking a linked peer to dial this one back),
 * {@code true}, or {@code false} (nobody can dial this peer: it dials out only)
 * @param relay the bounds of relaying for others
 */
@ConfigurationProperties("p2pchat.peer")
public record ReachProperties(@DefaultValue("auto") Reachability.Mode reachable, @DefaultValue Relay relay) {

	/**
	 * What this peer carries for others: at most {@code maxCircuits} relayed links at
	 * once, each at most {@code bytesPerSecond} in each direction; beyond them an open is
	 * refused with the reason. A peer relays only while reachable.
	 *
	 * @param enabled whether this peer relays links for others
	 * @param maxCircuits most relayed links carried for others at once
	 * @param bytesPerSecond most bytes per second one relayed link may carry in each
	 * direction; faster, the relay reads the sender's link more slowly
	 */
	public record Relay(@DefaultValue("true") boolean enabled, @DefaultValue("32") int maxCircuits,
			@DefaultValue("256KB") DataSize bytesPerSecond) {

		public Relay {
			PeerProperties.requirePositive(maxCircuits, "p2pchat.peer.relay.max-circuits");
			if (bytesPerSecond == null || bytesPerSecond.toBytes() <= 0) {
				throw new IllegalArgumentException("p2pchat.peer.relay.bytes-per-second must be positive");
			}
		}

	}

}
