package dev.p2pchat.peer.mesh;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

import dev.p2pchat.link.frame.Frame;
import dev.p2pchat.link.frame.FrameCodec;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.ReachProperties;
import dev.p2pchat.peer.config.Reachability;

/**
 * The circuits this peer relays for others: it joins a circuit on the link from one end
 * to one on its link to the other end and forwards {@link Frame.CircuitData} between them
 * unread (each is the ends' own sealed frame). Bounded by {@code p2pchat.peer.relay.*}:
 * at most {@code max-circuits} at once, each at most {@code bytes-per-second} each way
 * (faster, the sending end's link is read more slowly: the cost stays with the circuit,
 * never with this peer's own links); beyond them an open is refused with the reason.
 * Thread-safe.
 */
@Slf4j
final class RelayTable {

	private record Key(PeerLink link, long circuit) {
	}

	/** One relayed circuit: its two sides and a budget per direction. */
	private static final class Relayed {

		final Key a;

		final Key b;

		final InboundBudget fromA;

		final InboundBudget fromB;

		volatile boolean accepted;

		Relayed(Key a, Key b, InboundBudget fromA, InboundBudget fromB) {
			this.a = a;
			this.b = b;
			this.fromA = fromA;
			this.fromB = fromB;
		}

		Key other(Key side) {
			return side.equals(this.a) ? this.b : this.a;
		}

	}

	private final Map<Key, Relayed> circuits = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

	private final ReachProperties.Relay bounds;

	private final Reachability reachability;

	private final LocalPeer self;

	private final Mesh mesh;

	private final Clock clock;

	private final Duration timeout;

	private final Counter relayedBytes;

	private final MeterRegistry meters;

	RelayTable(ReachProperties.Relay bounds, Reachability reachability, LocalPeer self, Mesh mesh, Clock clock,
			Duration timeout, MeterRegistry meters) {
		this.bounds = bounds;
		this.reachability = reachability;
		this.self = self;
		this.mesh = mesh;
		this.clock = clock;
		this.timeout = timeout;
		this.meters = meters;
		this.relayedBytes = Counter.builder("p2pchat.relay.bytes")
			.description("bytes of relayed links forwarded for other peers")
			.baseUnit("bytes")
			.register(meters);
		Gauge.builder("p2pchat.relay.circuits", this.count, AtomicInteger::get)
			.description("relayed links this peer carries for others now")
			.register(meters);
	}

	/** Whether the frame belongs to a circuit this peer relays. */
	boolean relays(PeerLink link, Frame.Circuit frame) {
		return !(frame instanceof Frame.CircuitOpen) && this.circuits.containsKey(new Key(link, circuitOf(frame)));
	}

	/** An end asks this peer to relay a circuit to {@code open.to()}. */
	void open(PeerLink from, Frame.CircuitOpen open) {
		PeerLink to = this.mesh.link(open.to());
		String refusal = refusal(from, open, to);
		if (refusal != null) {
			refused(from, open.circuit(), refusal);
			return;
		}
		if (this.count.incrementAndGet() > this.bounds.maxCircuits()) {
			this.count.decrementAndGet();
			refused(from, open.circuit(), "relay at max-circuits (" + this.bounds.maxCircuits() + ")");
			return;
		}
		var a = new Key(from, open.circuit());
		var b = new Key(to, ThreadLocalRandom.current().nextLong());
		long rate = this.bounds.bytesPerSecond().toBytes();
		var relayed = new Relayed(a, b, new InboundBudget(rate, Long.MAX_VALUE, this.clock.instant()),
				new InboundBudget(rate, Long.MAX_VALUE, this.clock.instant()));
		if (this.circuits.putIfAbsent(a, relayed) != null) {
			this.count.decrementAndGet();
			refused(from, open.circuit(), "circuit number in use");
			return;
		}
		this.circuits.put(b, relayed);
		if (!send(b, new Frame.CircuitOpen(b.circuit(), open.from(), open.to()))) {
			drop(relayed, "the other end's link failed");
			return;
		}
		log.debug("relaying a circuit from {} to {}", from, to);
		CompletableFuture.delayedExecutor(this.timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
			if (!relayed.accepted && this.circuits.get(a) == relayed) {
				remove(relayed);
				refused(from, a.circuit(), "no answer from " + open.to());
			}
		});
	}

	/** A frame of a relayed circuit, from either side. */
	void frame(PeerLink link, Frame.Circuit frame) {
		var side = new Key(link, circuitOf(frame));
		Relayed relayed = this.circuits.get(side);
		if (relayed == null) {
			return;
		}
		Key other = relayed.other(side);
		switch (frame) {
			case Frame.CircuitAccept accept when side.equals(relayed.b) -> {
				relayed.accepted = true;
				send(other, new Frame.CircuitAccept(other.circuit()));
			}
			case Frame.CircuitRefuse refuse when side.equals(relayed.b) -> {
				remove(relayed);
				refused(other.link(), other.circuit(), refuse.reason());
			}
			case Frame.CircuitData data when relayed.accepted -> forward(relayed, side, other, data);
			case Frame.CircuitClose close -> {
				remove(relayed);
				send(other, new Frame.CircuitClose(other.circuit(), close.reason()));
			}
			default -> {
				// out of turn (data before accept, an accept from the opener): the
				// circuit
				// is broken
				drop(relayed, "circuit frame out of order");
			}
		}
	}

	/** A link closed: every circuit over it closes, and its other side is told. */
	void linkClosed(PeerLink link) {
		for (Relayed relayed : List.copyOf(this.circuits.values())) {
			if (relayed.a.link() == link || relayed.b.link() == link) {
				Key other = (relayed.a.link() == link) ? relayed.b : relayed.a;
				if (remove(relayed)) {
					send(other, new Frame.CircuitClose(other.circuit(), "the relay lost the other end"));
				}
			}
		}
	}

	int circuits() {
		return this.count.get();
	}

	private void forward(Relayed relayed, Key from, Key to, Frame.CircuitData data) {
		InboundBudget budget = from.equals(relayed.a) ? relayed.fromA : relayed.fromB;
		Duration wait = budget.charge(data.data().length, 1, this.clock.instant());
		if (wait.isPositive()) {
			try {
				Thread.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		if (send(to, new Frame.CircuitData(to.circuit(), data.data()))) {
			this.relayedBytes.increment(data.data().length);
		}
		else {
			drop(relayed, "the other end's link failed");
		}
	}

	private @Nullable String refusal(PeerLink from, Frame.CircuitOpen open, @Nullable PeerLink to) {
		if (!this.bounds.enabled()) {
			return "not relaying (relay.enabled=false)";
		}
		if (!this.reachability.reachable()) {
			return "not relaying (not reachable)";
		}
		if (!open.from().equals(from.peerId())) {
			return "a circuit is opened by its own end";
		}
		if (open.to().equals(from.peerId()) || open.to().equals(this.self.id())) {
			return "no circuit to " + open.to();
		}
		if (to == null || !to.isOpen() || to.session() instanceof CircuitSession) {
			return "not linked to " + open.to();
		}
		return null;
	}

	private void refused(PeerLink link, long circuit, String reason) {
		Counter.builder("p2pchat.relay.refusals")
			.description("circuits this peer refused to relay, by reason")
			.tag("reason", reasonTag(reason))
			.register(this.meters)
			.increment();
		log.debug("refused a circuit on {}: {}", link, reason);
		send(new Key(link, circuit), new Frame.CircuitRefuse(circuit, reason));
	}

	private static String reasonTag(String reason) {
		if (reason.startsWith("relay at max-circuits")) {
			return "max-circuits";
		}
		if (reason.startsWith("not relaying")) {
			return "disabled";
		}
		if (reason.startsWith("not linked")) {
			return "not-linked";
		}
		return "other";
	}

	private void drop(Relayed relayed, String reason) {
		if (remove(relayed)) {
			send(relayed.a, new Frame.CircuitClose(relayed.a.circuit(), reason));
			send(relayed.b, new Frame.CircuitClose(relayed.b.circuit(), reason));
		}
	}

	private boolean remove(Relayed relayed) {
		boolean removed = this.circuits.remove(relayed.a, relayed);
		this.circuits.remove(relayed.b, relayed);
		if (removed) {
			this.count.decrementAndGet();
		}
		return removed;
	}

	private boolean send(Key to, Frame frame) {
		try {
			to.link().send(FrameCodec.encode(frame));
			return true;
		}
		catch (IOException | RuntimeException ex) {
			log.debug("circuit frame to {} not sent: {}", to.link(), ex.toString());
			return false;
		}
	}

	private static long circuitOf(Frame.Circuit frame) {
		return switch (frame) {
			case Frame.CircuitOpen open -> open.circuit();
			case Frame.CircuitAccept accept -> accept.circuit();
			case Frame.CircuitRefuse refuse -> refuse.circuit();
			case Frame.CircuitData data -> data.circuit();
			case Frame.CircuitClose close -> close.circuit();
			default -> 0;
		};
	}

}
