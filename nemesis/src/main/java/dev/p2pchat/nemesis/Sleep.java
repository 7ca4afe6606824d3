package dev.p2pchat.nemesis;

import java.time.Duration;

/** Waits of the harness's own schedule (the nemesis holds a fault this long). */
final class Sleep {

	private Sleep() {
	}

	static void of(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
