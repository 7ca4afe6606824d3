package dev.p2pchat.peer.it;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

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
					List<String> texts = link.texts();
					int from = this.read.getOrDefault(link, 0);
					for (int i = from; i < texts.size(); i++) {
						frame(link, JSON.readTree(texts.get(i)));
					}
					this.read.put(link, texts.size());
				}
				if (System.nanoTime() - lastPing > 1_000_000_000L) {
					lastPing = System.nanoTime();
					for (RawLink link : this.links.values()) {
						if (!link.gone()) {
							link.sendSealed("{\"type\":\"ping\"}");
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

	private void frame(RawLink link, JsonNode frame) {
		String type = frame.path("type").asString();
		long circuit = frame.path("circuit").asLong();
		switch (type) {
			case "circuit-open" -> open(link, frame);
			case "circuit-accept", "circuit-refuse", "circuit-close" -> {
				Side other = this.circuits.get(new Side(link, circuit));
				if (other != null) {
					ObjectNode forwarded = ((ObjectNode) frame).deepCopy();
					other.link().sendSealed(forwarded.put("circuit", other.circuit()).toString());
					if (!type.equals("circuit-accept")) {
						this.circuits.remove(new Side(link, circuit));
						this.circuits.remove(other);
					}
				}
			}
			case "circuit-data" ->
				data(new Side(link, circuit), Base64.getDecoder().decode(frame.path("data").asString()));
			default -> {
				// its own link's frames: nothing to relay
			}
		}
	}

	private void open(RawLink from, JsonNode open) {
		RawLink to = this.links.get(open.path("to").asString());
		long circuit = open.path("circuit").asLong();
		if (to == null) {
			from.sendSealed("{\"type\":\"circuit-refuse\",\"circuit\":" + circuit + ",\"reason\":\"not linked\"}");
			return;
		}
		long number = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		var a = new Side(from, circuit);
		var b = new Side(to, number);
		this.circuits.put(a, b);
		this.circuits.put(b, a);
		this.opened.incrementAndGet();
		to.sendSealed("{\"type\":\"circuit-open\",\"circuit\":" + number + ",\"from\":\"" + open.path("from").asString()
				+ "\",\"to\":\"" + open.path("to").asString() + "\"}");
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
			to.link()
				.sendSealed("{\"type\":\"circuit-data\",\"circuit\":" + to.circuit() + ",\"data\":\""
						+ Base64.getEncoder().encodeToString(bytes) + "\"}");
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.loop.interrupt();
		this.links.values().forEach(RawLink::close);
	}

}
