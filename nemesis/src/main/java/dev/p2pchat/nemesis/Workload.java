package dev.p2pchat.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The clients: broadcasts and private messages to random peers through the public API
 * ({@code POST /messages} with the owner's token), at a fixed rate spread over a few
 * client threads, each request recorded with its outcome ({@link Op}). A request that has
 * no answer within {@link #TIMEOUT} is unknown.
 */
public final class Workload {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Cluster cluster;

	private final Random random;

	private final String tag;

	private final double perSecond;

	private final BooleanSupplier faultActive;

	private final List<Op> ops = new ArrayList<>();

	private final AtomicLong seq = new AtomicLong();

	private volatile boolean running;

	private final List<Thread> clients = new ArrayList<>();

	/**
	 * @param random the seeded choices (sender, recipient, private or not)
	 * @param tag the first word of every text: the run's seed
	 * @param perSecond requests per second over all clients
	 * @param faultActive whether the nemesis has a fault active now
	 */
	public Workload(Cluster cluster, Random random, String tag, double perSecond, BooleanSupplier faultActive) {
		this.cluster = cluster;
		this.random = random;
		this.tag = tag;
		this.perSecond = perSecond;
		this.faultActive = faultActive;
	}

	/** Starts a few clients, each at its share of the rate. */
	public void start(int clients) {
		this.running = true;
		long periodNanos = (long) (clients * 1_000_000_000L / this.perSecond);
		for (int i = 0; i < clients; i++) {
			this.clients.add(Thread.ofVirtual().name("client-" + i).start(() -> run(periodNanos)));
		}
	}

	/** Stops the clients and waits for their last requests. */
	public List<Op> stop() {
		this.running = false;
		for (Thread client : this.clients) {
			try {
				client.join(TIMEOUT.plusSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this.ops) {
			return List.copyOf(this.ops);
		}
	}

	private void run(long periodNanos) {
		long next = System.nanoTime();
		while (this.running) {
			sendOne();
			next += periodNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				Sleep.of(Duration.ofNanos(wait));
			}
			else {
				// a request that took long (a paused peer) is not made up for by a burst
				next = System.nanoTime();
			}
		}
	}

	/** A 507 that says the message was not sent at all (a full disk, found before). */
	private static boolean notSent(String body) {
		try {
			return Cluster.JSON.readTree(body).path("sent").isBoolean()
					&& !Cluster.JSON.readTree(body).path("sent").asBoolean();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void sendOne() {
		List<Node> peers = this.cluster.peers();
		Node sender;
		@Nullable String to = null;
		long number = this.seq.incrementAndGet();
		synchronized (this.random) {
			sender = peers.get(this.random.nextInt(peers.size()));
			if (this.random.nextInt(4) == 0) {
				Node recipient = peers.get(this.random.nextInt(peers.size() - 1));
				to = ((recipient == sender) ? peers.getLast() : recipient).name();
			}
		}
		String text = this.tag + " " + number + " " + sender.name() + ((to != null) ? "->" + to : "->all");
		ObjectNode body = Cluster.JSON.createObjectNode().put("text", text);
		if (to != null) {
			body.put("to", to);
		}
		boolean duringFault = this.faultActive.getAsBoolean();
		long start = System.nanoTime();
		Http.Answer answer = sender.post("/messages", body.toString(), TIMEOUT);
		long end = System.nanoTime();
		Op.Outcome outcome;
		String id = null;
		if (answer.status() == 202) {
			outcome = Op.Outcome.OK;
			id = Cluster.JSON.readTree(answer.body()).path("id").asString();
		}
		else if (answer.refusedConnection() || (answer.status() >= 400 && answer.status() < 500)
				|| (answer.status() == 507 && notSent(answer.body()))) {
			outcome = Op.Outcome.REFUSED;
		}
		else {
			outcome = Op.Outcome.UNKNOWN;
		}
		var op = new Op(number, sender.name(), to, text, start, end, outcome, answer.status(), id, duringFault);
		synchronized (this.ops) {
			this.ops.add(op);
		}
	}

}
