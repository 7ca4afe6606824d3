package dev.p2pchat.bench.work;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.p2pchat.bench.proc.Pause;
import dev.p2pchat.bench.proc.ServiceProcess;

/**
 * Waits, through each peer's {@code GET /peers}, until every peer is linked to every
 * other.
 */
final class Links {

	private Links() {
	}

	static void awaitFullMesh(List<ServiceProcess> peers, Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ServiceProcess peer : peers) {
			while (connected(peer) < peers.size() - 1) {
				if (System.nanoTime() > deadline) {
					throw new IOException(peer.name() + " is linked to " + connected(peer) + " of " + (peers.size() - 1)
							+ " peers after " + timeout);
				}
				Pause.of(Duration.ofMillis(100));
			}
		}
	}

	private static int connected(ServiceProcess peer) throws IOException {
		String body = peer.get("/peers");
		int count = 0;
		for (int i = body.indexOf("\"connected\""); i >= 0; i = body.indexOf("\"connected\"", i + 1)) {
			count++;
		}
		return count;
	}

}
