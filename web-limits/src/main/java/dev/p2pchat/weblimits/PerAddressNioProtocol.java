package dev.p2pchat.weblimits;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tomcat's NIO HTTP connector with a bound on the connections one client address (an IPv6
 * client: its /64) holds at once. A connection beyond it is closed as it is accepted,
 * before Tomcat gives it a buffer or a processor, so that one address cannot take every
 * connection slot ({@code server.tomcat.max-connections}) with slow requests. Public with
 * a no-argument constructor: Tomcat makes it from its class name.
 */
public class PerAddressNioProtocol extends Http11NioProtocol {

	private final Endpoint bounded;

	public PerAddressNioProtocol() {
		this(new Endpoint());
	}

	/**
	 * Makes Tomcat's connector this protocol, bounded at {@code max} connections per
	 * address.
	 * @param max the service's own bound (its {@code http.max-connections-per-address})
	 * @param onRefused told of every connection closed at accept (the service counts it)
	 * @return the customizer to register as a bean
	 */
	public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> customizer(int max, Runnable onRefused) {
		return (factory) -> {
			factory.setProtocol(PerAddressNioProtocol.class.getName());
			factory.addConnectorCustomizers((connector) -> {
				if (connector.getProtocolHandler() instanceof PerAddressNioProtocol protocol) {
					protocol.setMaxConnectionsPerAddress(max);
					protocol.setOnRefused(onRefused);
				}
			});
		};
	}

	private PerAddressNioProtocol(Endpoint endpoint) {
		super(endpoint);
		this.bounded = endpoint;
	}

	/** Most connections held at once from one client address. */
	public void setMaxConnectionsPerAddress(int max) {
		this.bounded.maxPerAddress = max;
	}

	public int getMaxConnectionsPerAddress() {
		return this.bounded.maxPerAddress;
	}

	/** Told of every connection closed at accept for being over the bound. */
	public void setOnRefused(Runnable onRefused) {
		this.bounded.onRefused = onRefused;
	}

	/**
	 * The endpoint. Only Tomcat's single acceptor thread admits connections, so the table
	 * needs no lock; a closed connection is forgotten when its address connects again (or
	 * at the next sweep), since Tomcat tells nobody of a close.
	 */
	static final class Endpoint extends NioEndpoint {

		private static final int SWEEP_EVERY = 4096;

		private volatile int maxPerAddress = Integer.MAX_VALUE;

		private volatile Runnable onRefused = () -> {
		};

		private final Map<InetAddress, Set<SocketChannel>> held = new HashMap<>();

		private int sinceSweep;

		@Override
		protected boolean setSocketOptions(SocketChannel socket) {
			InetAddress address = remote(socket);
			if (address != null && !admit(address, socket)) {
				this.onRefused.run();
				// closed and counted down here: the acceptor closes only sockets Tomcat
				// wraps
				destroySocket(socket);
				return false;
			}
			return super.setSocketOptions(socket);
		}

		private boolean admit(InetAddress address, SocketChannel socket) {
			if (++this.sinceSweep >= SWEEP_EVERY) {
				this.sinceSweep = 0;
				this.held.values().removeIf((channels) -> {
					channels.removeIf((channel) -> !channel.isOpen());
					return channels.isEmpty();
				});
			}
			Set<SocketChannel> channels = this.held.computeIfAbsent(address, (key) -> new HashSet<>());
			channels.removeIf((channel) -> !channel.isOpen());
			if (channels.size() >= this.maxPerAddress) {
				return false;
			}
			channels.add(socket);
			return true;
		}

		private static @Nullable InetAddress remote(SocketChannel socket) {
			try {
				if (socket.getRemoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
					return counted(remote.getAddress());
				}
				return null;
			}
			catch (IOException ex) {
				return null; // gone already: Tomcat finds out
			}
		}

		/** An IPv6 client counts by its /64, which one host usually holds whole. */
		static InetAddress counted(InetAddress address) throws UnknownHostException {
			if (address instanceof Inet6Address) {
				byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
				Arrays.fill(prefix, 8, 16, (byte) 0);
				return InetAddress.getByAddress(prefix);
			}
			return address;
		}

	}

}
