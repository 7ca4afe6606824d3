package dev.p2pchat.bench.work;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.p2pchat.bench.node.Tally;

/**
 * Drives a mesh whose nodes run a {@link dev.p2pchat.bench.node.NodeAgent}: the
 * raw-WebSocket limit, or peers started with the in-process driver. Sending and counting
 * happen inside the nodes; this class only commands and collects.
 */
final class NodeMesh {

	private final List<ControlServer.Node> nodes = new ArrayList<>();

	NodeMesh(ControlServer control, int size, Duration timeout) throws IOException {
		for (int i = 0; i < size; i++) {
			this.nodes.add(control.await(i, timeout));
		}
	}

	/**
	 * Broadcasts {@code count} messages split over the senders, as fast as the nodes go.
	 * @param run a run number never used before on this mesh
	 * @param senders indices of the sending nodes
	 * @param count messages in total
	 * @param chars characters per message
	 * @param timeout the longest the run may take
	 * @return what was delivered
	 * @throws IOException when a node does not answer
	 */
	Delivery throughput(int run, List<Integer> senders, int count, int chars, Duration timeout) throws IOException {
		int perSender = count / senders.size();
		long start = start(run, senders, perSender, chars, 0);
		List<Tally.Counts> counts = collect(run, timeout);
		return Delivery.of(perSender * senders.size(), 0, start, counts);
	}

	/**
	 * Sends paced messages from one node and returns every receiver's one-way latencies.
	 * @param run a run number never used before on this mesh
	 * @param sender the sending node
	 * @param rate messages per second
	 * @param count messages
	 * @param chars characters per message
	 * @param timeout the longest the run may take after the last send is due
	 * @return latencies in microseconds, all receivers together, and the lost count
	 * @throws IOException when a node does not answer
	 */
	Latencies latency(int run, int sender, int rate, int count, int chars, Duration timeout) throws IOException {
		start(run, List.of(sender), count, chars, rate);
		List<Tally.Counts> counts = collect(run, timeout.plusMillis(count * 1000L / rate));
		var micros = new ArrayList<long[]>();
		for (int i = 0; i < this.nodes.size(); i++) {
			if (i != sender) {
				this.nodes.get(i).send("LAT " + run);
				String[] fields = require(this.nodes.get(i).take("LAT", run, timeout), "LAT", i);
				long[] values = new long[Integer.parseInt(fields[0])];
				for (int v = 0; v < values.length; v++) {
					values[v] = Long.parseLong(fields[v + 1]);
				}
				micros.add(values);
			}
		}
		return Latencies.of(micros, counts.stream().mapToLong(Tally.Counts::lost).sum());
	}

	private long start(int run, List<Integer> senders, int perSender, int chars, int rate) throws IOException {
		String list = senders.stream().map(String::valueOf).collect(Collectors.joining(","));
		this.nodes.forEach((node) -> node.send("RUN " + run + " " + list + " " + perSender + " " + chars + " " + rate));
		for (int i = 0; i < this.nodes.size(); i++) {
			require(this.nodes.get(i).take("ARMED", run, Duration.ofSeconds(10)), "ARMED", i);
		}
		long start = System.nanoTime();
		senders.stream().filter((s) -> s < this.nodes.size()).forEach((s) -> this.nodes.get(s).send("GO " + run));
		return start;
	}

	/**
	 * Counts in-process, on every node, messages that something outside the nodes sends
	 * (e.g. {@code POST /messages} to one peer): W1-api's input with W1-mesh's counting.
	 * @param run a run number never used before on this mesh
	 * @param streams the stream ids of the outside sender, not node indices
	 * @param perStream messages per stream
	 * @param load sends them, returning when it is done
	 * @param timeout the longest the run may take
	 * @return what was delivered (the sending peer counts its own messages too)
	 * @throws IOException when a node does not answer
	 */
	Delivery observe(int run, List<Integer> streams, int perStream, Runnable load, Duration timeout)
			throws IOException {
		long start = start(run, streams, perStream, 100, 0);
		load.run();
		return Delivery.of(perStream * streams.size(), 0, start, collect(run, timeout));
	}

	private List<Tally.Counts> collect(int run, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		var counts = new ArrayList<Tally.Counts>();
		for (int i : IntStream.range(0, this.nodes.size()).toArray()) {
			ControlServer.Node node = this.nodes.get(i);
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			String[] done = node.take("DONE", run, left);
			if (done == null) {
				node.send("STOP " + run);
				done = require(node.take("DONE", run, Duration.ofSeconds(10)), "DONE", i);
			}
			Tally.Counts c = Tally.Counts.parse(done);
			if (c.expected() > 0) {
				counts.add(c);
			}
		}
		return counts;
	}

	private static String[] require(String @org.jspecify.annotations.Nullable [] reply, String type, int node)
			throws IOException {
		if (reply == null) {
			throw new IOException("node " + node + " sent no " + type);
		}
		return reply;
	}

}
