package dev.p2pchat.tracker.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;

/**
 * The network a client address belongs to, for limits per network: the address with
 * everything after the first {@code n} bits cleared ({@code 203.0.113.0/24},
 * {@code 20010db8000a0000…/48}). All of {@code 127.0.0.0/8} counts as one network: any
 * local process can use any of its addresses.
 */
public final class NetworkPrefixes {

	private final int ipv4Bits;

	private final int ipv6Bits;

	/**
	 * @param ipv4Bits the IPv4 prefix length
	 * @param ipv6Bits the IPv6 prefix length
	 */
	public NetworkPrefixes(int ipv4Bits, int ipv6Bits) {
		if (ipv4Bits < 1 || ipv4Bits > 32 || ipv6Bits < 1 || ipv6Bits > 128) {
			throw new IllegalArgumentException("prefix lengths out of range: /" + ipv4Bits + ", /" + ipv6Bits);
		}
		this.ipv4Bits = ipv4Bits;
		this.ipv6Bits = ipv6Bits;
	}

	/**
	 * The key of the network of a client address.
	 * @param remoteAddress the client's address as the servlet container gives it
	 * @return the key, e.g. {@code 203.0.113.0/24}
	 */
	public String key(String remoteAddress) {
		InetAddress address;
		try {
			address = InetAddress.ofLiteral(remoteAddress);
		}
		catch (IllegalArgumentException ex) {
			// not an IP literal (a Unix socket, say): one network for all such clients
			return remoteAddress;
		}
		boolean v4 = address instanceof Inet4Address;
		int bits = (v4 && address.isLoopbackAddress()) ? 8 : v4 ? this.ipv4Bits : this.ipv6Bits;
		byte[] bytes = address.getAddress();
		for (int i = 0; i < bytes.length; i++) {
			int keep = Math.clamp(bits - i * 8, 0, 8);
			bytes[i] &= (byte) (0xff << (8 - keep));
		}
		String network = v4
				? String.format("%d.%d.%d.%d", bytes[0] & 0xff, bytes[1] & 0xff, bytes[2] & 0xff, bytes[3] & 0xff)
				: HexFormat.of().formatHex(bytes);
		return network + "/" + bits;
	}

}
