package dev.p2pchat.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run found: figures, latency distributions for the chart and
 * notes. Filled by one thread.
 */
public final class Results {

	private final List<Figure> figures = new ArrayList<>();

	private final Map<String, long[]> latencies = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	public void add(Figure figure) {
		this.figures.add(figure);
	}

	/**
	 * Keeps one latency distribution for the CDF chart.
	 * @param name the series name
	 * @param sortedMicros the latencies in microseconds, ascending
	 */
	public void latency(String name, long[] sortedMicros) {
		this.latencies.put(name, sortedMicros);
	}

	public void note(String note) {
		this.notes.add(note);
	}

	public List<Figure> figures() {
		return List.copyOf(this.figures);
	}

	public Map<String, long[]> latencies() {
		return Map.copyOf(this.latencies);
	}

	/** The series names in the order they were added. */
	public List<String> latencyNames() {
		return List.copyOf(this.latencies.keySet());
	}

	public List<String> notes() {
		return List.copyOf(this.notes);
	}

}
