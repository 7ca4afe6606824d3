package dev.p2pchat.bench.proc;

import java.time.Duration;

/** Short waits in polling loops that are bounded by their callers. */
public final class Pause {

	private Pause() {
	}

	public static void briefly() {
		of(Duration.ofMillis(20));
	}

	public static void of(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
