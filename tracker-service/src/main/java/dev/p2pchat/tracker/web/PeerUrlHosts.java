package dev.p2pchat.tracker.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which hosts a peer may advertise: every name, and every IP address but link-local
 * ({@code 169.254.0.0/16}, {@code fe80::/10}) and unspecified ({@code 0.0.0.0/8},
 * {@code ::}) ones, in whatever IPv6 form they hide (IPv4-mapped, IPv4-compatible,
 * NAT64). Loopback and private addresses stay allowed: local runs and compose use them.
 *
 * <p>
 * Names are not resolved. Resolving at registration would block the request on DNS and
 * prove nothing: the name can resolve elsewhere a second later (DNS rebinding), and every
 * peer resolves it again when it dials. What is refused instead is a name that browsers
 * and resolvers read as an IPv4 address although it is not in dotted decimal form
 * ({@code 2852039166}, {@code 0xa9.0xfe.0xa9.0xfe}, {@code 0251.254.169.254},
 * {@code 169.254.43518}): the WHATWG URL rule that a host whose last label is a number is
 * an IPv4 address, so those must be written as four plain decimal numbers.
 */
final class PeerUrlHosts {

	private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

	private static final Pattern DOTTED_DECIMAL = Pattern.compile(
			"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private static final byte[] NAT64_PREFIX = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	private PeerUrlHosts() {
	}

	/**
	 * Why a URL's host is refused.
	 * @param host the host as {@link java.net.URI#getHost()} gives it (IPv6 in brackets)
	 * @return a message for the {@code url} field, or {@code null} when allowed
	 */
	static @Nullable String refusal(String host) {
		if (host.startsWith("[") && host.endsWith("]")) {
			return ipv6Refusal(host.substring(1, host.length() - 1));
		}
		String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		String[] labels = name.split("\\.", -1);
		if (!NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
			return null;
		}
		if (!DOTTED_DECIMAL.matcher(name).matches()) {
			return "must write an IPv4 address as four decimal numbers (like 192.168.1.20)";
		}
		return ipv4Refusal(InetAddress.ofLiteral(name).getAddress());
	}

	private static @Nullable String ipv6Refusal(String literal) {
		InetAddress address;
		try {
			address = InetAddress.ofLiteral(literal);
		}
		catch (IllegalArgumentException ex) {
			return "must have a valid IPv6 address (without a zone)";
		}
		if (address instanceof Inet4Address) {
			// an IPv4-mapped address, which the JDK hands back as IPv4
			return ipv4Refusal(address.getAddress());
		}
		Inet6Address ipv6 = (Inet6Address) address;
		byte[] bytes = ipv6.getAddress();
		if (ipv6.isLoopbackAddress()) {
			return null;
		}
		if (ipv6.isAnyLocalAddress()) {
			return "must not be on an unspecified address (::)";
		}
		if (ipv6.isLinkLocalAddress()) {
			return "must not be on a link-local address (fe80::/10)";
		}
		if (ipv6.isIPv4CompatibleAddress() || Arrays.equals(bytes, 0, 12, NAT64_PREFIX, 0, 12)) {
			return ipv4Refusal(Arrays.copyOfRange(bytes, 12, 16));
		}
		return null;
	}

	private static @Nullable String ipv4Refusal(byte[] bytes) {
		if (bytes[0] == 0) {
			return "must not be on an unspecified address (0.0.0.0/8)";
		}
		if ((bytes[0] & 0xff) == 169 && (bytes[1] & 0xff) == 254) {
			return "must not be on a link-local address (169.254.0.0/16)";
		}
		return null;
	}

}
