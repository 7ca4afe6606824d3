package dev.p2pchat.bench.work;

/** What the tool is doing, on standard output. */
final class Progress {

	private static final long START = System.nanoTime();

	private Progress() {
	}

	static void say(String line) {
		System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - START) / 1e9, line);
	}

}
