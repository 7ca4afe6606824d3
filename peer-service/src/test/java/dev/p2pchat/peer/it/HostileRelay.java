package dev.p2pchat.peer.it;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.p2pchat.link.frame.Frame;

/**
 * A relay that only a test speaks for: a registered peer (reachable, at a URL where
 * nothing listens) that links to the peers it is given and relays their circuits as the
 * protocol says, recording every byte it carries, until told to tamper: flip one bit of
 * the next large frame, or replay the last one. Its loop stops with {@link #close}.
 */
final class HostileRelay implements AutoCloseable {

	/** What the relay does to the next large frame it forwards. */
	enum Mischief {

		NONE, FLIP, REPLAY

	}

	/** Frames at least this large carry messages (pings and acks are smaller). */
	private static final int LARGE = 120;

	/** One side of a relayed circuit: its link and the number it has there. */
	private record Side(RawLink link, long circuit) {
	}

	final FakePeer peer;

	private final Map<String, RawLink> links = new ConcurrentHashMap<>();

	private final Map<Side, Side> circuits = new ConcurrentHashMap<>();

	private final Map<RawLink, Integer> read = new ConcurrentHashMap<>();

	private final Map<Side, byte[]> lastLarge = new ConcurrentHashMap<>();

	private final List<byte[]> recorded = new CopyOnWriteArrayList<>();

	private final AtomicReference<Mischief> mischief = new AtomicReference<>(Mischief.NONE);

	private final AtomicInteger opened = new AtomicInteger();

	private final Thread loop;

	private volatile boolean running = true;

	HostileRelay(URI tracker) {
		this.peer = FakePeer.register(tracker, "hostile-relay");
		this.loop = Thread.ofVirtual().name("hostile-relay").start(this::run);
	}

	/** Links to a peer at its real address (it advertises another). */
	void linkTo(PeerJar target) throws Exception {
		RawLink link = RawLink.open(target.url());
		link.handshake(this.peer.identity(), this.peer.username(), this.peer.url(), "epoch-hostile");
		this.links.put(target.id(), link);
	}

	void next(Mischief what) {
		this.mischief.set(what);
	}

	/** Whether the mischief asked for was done. */
	boolean done() {
		return this.mischief.get() == Mischief.NONE;
	}

	/** Circuits opened through this relay so far. */
	int opened() {
		return this.opened.get();
	}

	/** Every payload of every circuit it carried, as it read them. */
	List<byte[]> recorded() {
		return List.copyOf(this.recorded);
	}

	private void run() {
		long lastPing = 0;
		while (this.running) {
			try {
				for (RawLink link : this.links.values()) {
					List<Frame> frames = link.frames();
					int from = this.read.getOrDefault(link, 0);
					for (int i = from; i < frames.size(); i++) {
						frame(link, frames.get(i));
					}
					this.read.put(link, frames.size());
				}
				if (System.nanoTime() - lastPing > 1_000_000_000L) {
					lastPing = System.nanoTime();
					for (RawLink link : this.links.values()) {
						if (!link.gone()) {
							link.send(new Frame.Ping());
						}
					}
				}
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// a link that went: the test sees it
			}
		}
	}

	private void frame(RawLink link, Frame frame) {
		switch (frame) {
			case Frame.CircuitOpen open -> open(link, open);
			case Frame.CircuitAccept accept -> {
				Side other = this.circuits.get(new Side(link, accept.circuit()));
				if (other != null) {
					other.link().send(new Frame.CircuitAccept(other.circuit()));
				}
			}
			case Frame.CircuitRefuse refuse -> {
				Side other = forget(new Side(link, refuse.circuit()));
				if (other != null) {
					other.link().send(new Frame.CircuitRefuse(other.circuit(), refuse.reason()));
				}
			}
			case Frame.CircuitClose close -> {
				Side other = forget(new Side(link, close.circuit()));
				if (other != null) {
					other.link().send(new Frame.CircuitClose(other.circuit(), close.reason()));
				}
			}
			case Frame.CircuitData data -> data(new Side(link, data.circuit()), data.data());
			default -> {
				// its own link's frames: nothing to relay
			}
		}
	}

	private Side forget(Side side) {
		Side other = this.circuits.remove(side);
		if (other != null) {
			this.circuits.remove(other);
		}
		return other;
	}

	private void open(RawLink from, Frame.CircuitOpen open) {
		RawLink to = this.links.get(open.to());
		if (to == null) {
			from.send(new Frame.CircuitRefuse(open.circuit(), "not linked"));
			return;
		}
		long number = ThreadLocalRandom.current().nextLong();
		var a = new Side(from, open.circuit());
		var b = new Side(to, number);
		this.circuits.put(a, b);
		this.circuits.put(b, a);
		this.opened.incrementAndGet();
		to.send(new Frame.CircuitOpen(number, open.from(), open.to()));
	}

	private void data(Side from, byte[] payload) {
		Side to = this.circuits.get(from);
		if (to == null) {
			return;
		}
		this.recorded.add(payload);
		List<byte[]> out = new ArrayList<>();
		out.add(payload);
		if (payload.length >= LARGE) {
			Mischief what = this.mischief.get();
			if (what == Mischief.FLIP && this.mischief.compareAndSet(what, Mischief.NONE)) {
				byte[] flipped = payload.clone();
				flipped[flipped.length / 2] ^= 0x01;
				out.set(0, flipped);
			}
			else if (what == Mischief.REPLAY && this.lastLarge.containsKey(from)
					&& this.mischief.compareAndSet(what, Mischief.NONE)) {
				out.addFirst(this.lastLarge.get(from));
			}
			this.lastLarge.put(from, payload);
		}
		for (byte[] bytes : out) {
			to.link().send(new Frame.CircuitData(to.circuit(), bytes));
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.loop.interrupt();
		this.links.values().forEach(RawLink::close);
	}

}
