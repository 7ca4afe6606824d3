package dev.p2pchat.tracker.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * Which client addresses share one allowance.
 */
public final class ClientAddresses {

	private ClientAddresses() {
	}

	/**
	 * The allowance's key of a client address: the address, or its /64 for IPv6, since
	 * one host usually holds a whole /64. Never resolves a name (the container gives
	 * IPs).
	 * @param remoteAddress the client's address as the servlet container gives it
	 * @return the key
	 */
	public static String key(String remoteAddress) {
		try {
			InetAddress address = InetAddress.ofLiteral(remoteAddress);
			if (address instanceof Inet6Address) {
				return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
			}
			return address.getHostAddress();
		}
		catch (IllegalArgumentException ex) {
			// not an IP literal (a Unix socket, say): one bucket for all such clients
			return remoteAddress;
		}
	}

}
