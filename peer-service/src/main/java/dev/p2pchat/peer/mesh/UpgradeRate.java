package dev.p2pchat.peer.mesh;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perSecond} upgrades per source address in each second of the clock (a
 * fixed window: a burst of that many, then that many per second). The table forgets the
 * windows of past seconds whenever it holds many addresses, so it is bounded by the
 * addresses seen within about a second. Thread-safe.
 */
final class UpgradeRate {

	private static final int SWEEP_ABOVE = 4096;

	private final int perSecond;

	private final Clock clock;

	private final Map<InetAddress, Window> windows = new ConcurrentHashMap<>();

	UpgradeRate(int perSecond, Clock clock) {
		this.perSecond = perSecond;
		this.clock = clock;
	}

	/** Takes one upgrade from the address's allowance of this second, if it has one. */
	boolean admit(InetAddress address) {
		long second = this.clock.millis() / 1000;
		if (this.windows.size() > SWEEP_ABOVE) {
			this.windows.values().removeIf((window) -> window.second < second);
		}
		var admitted = new boolean[1];
		this.windows.compute(address, (key, window) -> {
			Window current = (window == null || window.second != second) ? new Window(second, 0) : window;
			admitted[0] = current.count < this.perSecond;
			return admitted[0] ? new Window(second, current.count + 1) : current;
		});
		return admitted[0];
	}

	private record Window(long second, int count) {
	}

}
