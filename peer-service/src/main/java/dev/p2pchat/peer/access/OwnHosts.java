package dev.p2pchat.peer.access;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.p2pchat.peer.config.PeerProperties;

/**
 * The host names this peer answers to: its advertised URL's host, {@code localhost}, the
 * loopback addresses and {@code p2pchat.peer.allowed-hosts}. Any other {@code Host} is a
 * request meant for someone else, or a DNS-rebinding page's: refused. Immutable.
 */
final class OwnHosts implements Predicate<String> {

	private final Set<String> names;

	OwnHosts(PeerProperties peer, AccessProperties access) {
		Set<String> all = new TreeSet<>(Set.of("localhost", "127.0.0.1", "::1", "[::1]"));
		String advertised = peer.advertisedUrl().getHost();
		if (advertised != null) {
			all.add(advertised.toLowerCase(Locale.ROOT));
		}
		access.allowedHosts().forEach((host) -> all.add(host.strip().toLowerCase(Locale.ROOT)));
		this.names = Set.copyOf(all);
	}

	@Override
	public boolean test(String host) {
		return this.names.contains(host.toLowerCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return String.join(", ", new TreeSet<>(this.names));
	}

}
