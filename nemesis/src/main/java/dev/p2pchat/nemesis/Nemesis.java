package dev.p2pchat.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Picks faults from a seed and applies them to a {@link Cluster}, a few at a time, each
 * held for a while and then healed. The kinds come in rounds: every round is a shuffle of
 * all kinds, so a short run still covers most of them. Two faults never act on the same
 * process at once. Before a peer is killed or restarted its history is snapshotted, for
 * the checker to compare afterwards.
 */
public final class Nemesis {

	/**
	 * @param holdMin shortest time a fault is held
	 * @param holdMax longest time a fault is held (pauses past the lease are held longer)
	 * @param gap pause of each fault thread between two faults
	 * @param concurrency faults active at once at most
	 */
	public record Settings(Duration holdMin, Duration holdMax, Duration gap, int concurrency) {
	}

	private static final Duration RESTART = Duration.ofSeconds(180);

	private final Cluster cluster;

	private final Random random;

	private final Settings settings;

	private final Timeline timeline;

	private final List<FaultKind> kinds = new ArrayList<>();

	private final List<FaultKind> round = new ArrayList<>();

	private final Set<String> busy = new HashSet<>();

	private final List<Observed.Snapshot> snapshots = Collections.synchronizedList(new ArrayList<>());

	private final Map<FaultKind, Integer> counts = Collections.synchronizedMap(new EnumMap<>(FaultKind.class));

	public Nemesis(Cluster cluster, Random random, Settings settings, Timeline timeline) {
		this.cluster = cluster;
		this.random = random;
		this.settings = settings;
		this.timeline = timeline;
		for (FaultKind kind : FaultKind.values()) {
			if (kind != FaultKind.DISK_FULL || cluster.disk() != null) {
				this.kinds.add(kind);
			}
		}
	}

	/** Injects faults for this long, then waits for the last ones to heal. */
	public void run(Duration length) {
		long deadline = System.nanoTime() + length.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < this.settings.concurrency(); i++) {
			threads.add(Thread.ofVirtual().name("nemesis-" + i).start(() -> {
				while (System.nanoTime() < deadline) {
					injectOne();
					Sleep.of(this.settings.gap());
				}
			}));
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public List<Observed.Snapshot> snapshots() {
		synchronized (this.snapshots) {
			return List.copyOf(this.snapshots);
		}
	}

	public Map<FaultKind, Integer> counts() {
		synchronized (this.counts) {
			return Map.copyOf(this.counts);
		}
	}

	private void injectOne() {
		for (int attempt = 0; attempt < this.kinds.size(); attempt++) {
			FaultKind kind = nextKind();
			List<String> targets = claim(kind);
			if (targets != null) {
				try {
					inject(kind, targets);
					this.counts.merge(kind, 1, Integer::sum);
				}
				finally {
					release(targets);
				}
				return;
			}
		}
	}

	private FaultKind nextKind() {
		synchronized (this.round) {
			if (this.round.isEmpty()) {
				this.round.addAll(this.kinds);
				synchronized (this.random) {
					Collections.shuffle(this.round, this.random);
				}
			}
			return this.round.removeFirst();
		}
	}

	/** The nodes (or the resource) a fault of this kind acts on, or null when busy. */
	private @Nullable List<String> claim(FaultKind kind) {
		synchronized (this.busy) {
			List<String> wanted = switch (kind) {
				case TRACKER_KILL -> List.of("tracker");
				case DISK_FULL -> List.of(this.cluster.peers().getLast().name());
				case KILL, PAUSE, PAUSE_PAST_LEASE, CLOCK_STEP -> freePeer().map(List::of).orElse(null);
				case PARTITION -> List.of("partition");
				case ONE_WAY_CUT -> twoPeers();
				default -> List.of(randomPeer().name(), kind.name());
			};
			if (wanted == null || wanted.stream().anyMatch(this.busy::contains)) {
				return null;
			}
			this.busy.addAll(wanted);
			return wanted;
		}
	}

	private void release(List<String> targets) {
		synchronized (this.busy) {
			targets.forEach(this.busy::remove);
		}
	}

	private java.util.Optional<String> freePeer() {
		List<String> free = this.cluster.peers()
			.stream()
			.map(Node::name)
			.filter((name) -> !this.busy.contains(name))
			.collect(Collectors.toCollection(ArrayList::new));
		if (free.isEmpty()) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(free.get(nextInt(free.size())));
	}

	private List<String> twoPeers() {
		List<Node> peers = this.cluster.peers();
		int a = nextInt(peers.size());
		int b = (a + 1 + nextInt(peers.size() - 1)) % peers.size();
		return List.of(peers.get(a).name(), peers.get(b).name(), "cut:" + a + ">" + b);
	}

	private Node randomPeer() {
		List<Node> peers = this.cluster.peers();
		return peers.get(nextInt(peers.size()));
	}

	private void inject(FaultKind kind, List<String> targets) {
		Network network = this.cluster.network();
		String target = targets.getFirst();
		switch (kind) {
			case KILL -> {
				Node peer = this.cluster.peer(target);
				snapshot(peer, "kill -9");
				int event = this.timeline.begin(kind, target, "");
				peer.kill();
				Sleep.of(hold(Duration.ofSeconds(1), Duration.ofSeconds(5)));
				restart(peer, event);
			}
			case PAUSE ->
				pause(kind, this.cluster.peer(target), hold(Duration.ofSeconds(1), Cluster.LEASE.minusSeconds(4)));
			case PAUSE_PAST_LEASE -> pause(kind, this.cluster.peer(target), Cluster.LEASE.plusSeconds(3 + nextInt(5)));
			case TRACKER_KILL -> {
				Node tracker = this.cluster.tracker();
				int event = this.timeline.begin(kind, target, "");
				tracker.kill();
				Sleep.of(hold(Duration.ofSeconds(1), this.settings.holdMax()));
				restart(tracker, event);
			}
			case PARTITION -> {
				List<Node> peers = new ArrayList<>(this.cluster.peers());
				shuffle(peers);
				Set<String> side = new HashSet<>();
				int size = 1 + nextInt(peers.size() - 1);
				peers.subList(0, size).forEach((peer) -> side.add(peer.name()));
				if (nextInt(2) == 0) {
					side.add("tracker");
				}
				network(kind, "side " + new java.util.TreeSet<>(side), Network.partition(side), hold());
			}
			case ONE_WAY_CUT ->
				network(kind, target + ">" + targets.get(1), Network.cut(target, targets.get(1)), hold());
			case TRACKER_CUT -> {
				Network.Rule up = network.add(Network.cut(target, "tracker"));
				network(kind, target, Network.cut("tracker", target), hold());
				network.remove(up);
			}
			case FRAME_FAULTS -> network(kind, target, Network.around(target, Faults.frames(0.01, 0.01, 0.01)), hold());
			case JITTER -> network(kind, target,
					Network.around(target, Faults.delayed(Duration.ofMillis(20), Duration.ofMillis(150))), hold());
			case SLOW_CONSUMER -> network(kind, target, Network.into(target, Faults.slow(4 * 1024)), hold());
			case RESET -> {
				int event = this.timeline.begin(kind, target, "");
				this.cluster.peer(target).proxy().resetAll();
				this.timeline.end(event, "");
			}
			case DISK_FULL -> {
				DiskFill disk = java.util.Objects.requireNonNull(this.cluster.disk());
				int event = this.timeline.begin(kind, target, "");
				disk.fill();
				Sleep.of(hold());
				disk.empty();
				this.timeline.end(event, "");
			}
			case CLOCK_STEP -> clockStep(this.cluster.peer(target));
		}
	}

	private void pause(FaultKind kind, Node peer, Duration length) {
		int event = this.timeline.begin(kind, peer.name(), length.toMillis() + " ms");
		peer.pause();
		Sleep.of(length);
		peer.resume();
		this.timeline.end(event, "");
	}

	private void network(FaultKind kind, String target, Network.Rule rule, Duration length) {
		int event = this.timeline.begin(kind, target, length.toMillis() + " ms");
		this.cluster.network().add(rule);
		Sleep.of(length);
		this.cluster.network().remove(rule);
		this.timeline.end(event, "");
	}

	/**
	 * A clock step through the peer's injected Clock: restarted (cleanly) with its clock
	 * off by up to ±45 s, held, and restarted with it back: a step one way, then the
	 * other.
	 */
	private void clockStep(Node peer) {
		long seconds = 5 + nextInt(41);
		Duration offset = Duration.ofSeconds((nextInt(2) == 0) ? seconds : -seconds);
		int event = this.timeline.begin(FaultKind.CLOCK_STEP, peer.name(), "offset " + offset);
		snapshot(peer, "restart with clock " + offset);
		peer.stop();
		peer.clockOffset(offset);
		if (!start(peer, event)) {
			return;
		}
		Sleep.of(hold());
		snapshot(peer, "restart with the clock back");
		peer.stop();
		peer.clockOffset(Duration.ZERO);
		if (start(peer, event)) {
			this.timeline.end(event, "");
		}
	}

	private void restart(Node node, int event) {
		if (start(node, event)) {
			this.timeline.end(event, "");
		}
	}

	private boolean start(Node node, int event) {
		try {
			node.start();
			node.awaitReady(RESTART);
			return true;
		}
		catch (RuntimeException ex) {
			this.timeline.end(event, "restart failed: " + ex.getMessage());
			return false;
		}
	}

	private void snapshot(Node peer, String why) {
		try {
			List<String> ids = this.cluster.history(peer).stream().map(Shown::id).toList();
			this.snapshots.add(new Observed.Snapshot(peer.name(), why, ids));
		}
		catch (RuntimeException ex) {
			// not answering (e.g. still starting): no snapshot this time
		}
	}

	private Duration hold() {
		return hold(this.settings.holdMin(), this.settings.holdMax());
	}

	private Duration hold(Duration min, Duration max) {
		long span = Math.max(1, max.toMillis() - min.toMillis());
		return min.plusMillis(nextLong(span));
	}

	private int nextInt(int bound) {
		synchronized (this.random) {
			return this.random.nextInt(bound);
		}
	}

	private long nextLong(long bound) {
		synchronized (this.random) {
			return this.random.nextLong(bound);
		}
	}

	private void shuffle(List<?> list) {
		synchronized (this.random) {
			Collections.shuffle(list, this.random);
		}
	}

}
