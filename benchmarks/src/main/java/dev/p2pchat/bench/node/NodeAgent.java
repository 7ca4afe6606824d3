package dev.p2pchat.bench.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * Connects a node's {@link Transport} to the orchestrator's control port and obeys its
 * line commands: {@code RUN <run> <senders> <count> <chars> <ratePerSecond>} (every node
 * arms a tally and answers {@code ARMED}), {@code GO <run>} (the senders send, then
 * answer {@code SENT}), {@code STOP <run>} and {@code LAT <run>}. A node answers
 * {@code DONE} when it has seen every expected message, and again on {@code STOP}.
 * Sending runs on its own thread.
 */
public final class NodeAgent {

	private final int index;

	private final Transport transport;

	private final ReentrantLock writeLock = new ReentrantLock();

	private volatile Tally tally = new Tally(-1, java.util.Map.of());

	private volatile @Nullable Runnable sending;

	private PrintWriter out = new PrintWriter(System.out);

	/**
	 * Creates an agent.
	 * @param index this node's index, also its stream id when it sends
	 * @param transport the node's mesh
	 */
	public NodeAgent(int index, Transport transport) {
		this.index = index;
		this.transport = transport;
		transport.onDelivered((text) -> this.tally.accept(text, System.nanoTime()));
	}

	/**
	 * Serves the orchestrator until it closes the connection.
	 * @param controlPort the orchestrator's control port on the loopback interface
	 * @throws IOException when the control connection fails
	 */
	public void serve(int controlPort) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
			var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
			reply("HELLO " + this.index);
			for (String line = in.readLine(); line != null && !line.equals("QUIT"); line = in.readLine()) {
				handle(line.split(" "));
			}
		}
	}

	private void handle(String[] command) {
		int run = Integer.parseInt(command[1]);
		switch (command[0]) {
			case "RUN" -> arm(run, command);
			case "GO" -> go(run);
			case "STOP" -> reply("DONE " + run + " " + this.tally.counts().line());
			case "LAT" -> reply("LAT " + run + " " + micros(this.tally.latencies()));
			default -> reply("ERROR unknown command " + command[0]);
		}
	}

	private void arm(int run, String[] command) {
		List<Integer> senders = Arrays.stream(command[2].split(",")).map(Integer::valueOf).toList();
		int count = Integer.parseInt(command[3]);
		int chars = Integer.parseInt(command[4]);
		int rate = Integer.parseInt(command[5]);
		var expected = new HashMap<Integer, Integer>();
		senders.stream().filter((s) -> s != this.index).forEach((s) -> expected.put(s, count));
		Tally next = new Tally(run, expected);
		this.tally = next;
		next.complete().thenRun(() -> reply("DONE " + run + " " + next.counts().line()));
		this.sending = senders.contains(this.index) ? () -> send(run, count, chars, rate) : null;
		reply("ARMED " + run);
	}

	private void go(int run) {
		Runnable task = this.sending;
		this.sending = null;
		if (task != null) {
			Thread.ofPlatform().name("bench-sender-" + run).start(task);
		}
	}

	private void send(int run, int count, int chars, int rate) {
		long first = System.nanoTime();
		try {
			for (int seq = 0; seq < count; seq++) {
				if (rate > 0) {
					long due = first + seq * 1_000_000_000L / rate;
					for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
						LockSupport.parkNanos(wait);
					}
				}
				this.transport.broadcast(new Payload(run, this.index, seq, System.nanoTime()).text(chars));
			}
			reply("SENT " + run + " " + first + " " + System.nanoTime());
		}
		catch (Exception ex) {
			reply("ERROR send failed: " + ex);
		}
	}

	private void reply(String line) {
		this.writeLock.lock();
		try {
			this.out.println(line);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private static String micros(long[] nanos) {
		var sb = new StringBuilder(nanos.length * 5 + 8).append(nanos.length);
		for (long n : nanos) {
			sb.append(' ').append(n / 1000);
		}
		return sb.toString();
	}

}
