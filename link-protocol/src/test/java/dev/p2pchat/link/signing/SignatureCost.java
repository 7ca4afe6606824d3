package dev.p2pchat.link.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.link.identity.PublicIdentity;

/**
 * The measurements behind ADR 0006, without JMH: warm-up rounds, then the median of seven
 * timed rounds. Not a test (the build does not run it): {@code java -cp
 * link-protocol/target/classes:link-protocol/target/test-classes:bcprov.jar
 * dev.p2pchat.link.signing.SignatureCost}.
 */
public final class SignatureCost {

	interface Op {

		void run(int i);

	}

	private SignatureCost() {
	}

	public static void main(String[] args) {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 2000;
		Identity identity = Identity.generate();
		PublicIdentity key = identity.publicIdentity();
		byte[][] data = new byte[64][];
		byte[][] jdk = new byte[64][];
		for (int i = 0; i < data.length; i++) {
			data[i] = SignedForms.message(UUID.randomUUID(), identity.peerId(), "alice", null, null, "x".repeat(100),
					Instant.now());
			jdk[i] = identity.sign(data[i]);
		}
		median("JDK Ed25519 sign", n, (i) -> identity.sign(data[i & 63]));
		median("JDK Ed25519 verify", n, (i) -> check(key.verifies(data[i & 63], jdk[i & 63])));
		median("BC Ed25519 sign", n, (i) -> identity.signFast(data[i & 63]));
		median("BC Ed25519 verify", n, (i) -> check(key.verifiesFast(data[i & 63], jdk[i & 63])));
		median("SHA-256 leaf of a 100-char message", n * 10, (i) -> MerkleTree.leafHash(data[i & 63]));
		for (int size : new int[] { 1, 8, 32, 256 }) {
			List<byte[]> leaves = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				leaves.add(MerkleTree.leafHash(data[i & 63]));
			}
			List<MessageProof> proofs = MessageProof.sign(identity, leaves);
			double sign = median("tree of " + size + ": sign (per tree)", Math.max(50, n / size),
					(i) -> MessageProof.sign(identity, leaves));
			double path = median("tree of " + size + ": check one path (head known)", n,
					(i) -> check(proofs.get(i % size).root(leaves.get(i % size)).length == 32));
			System.out.printf("  -> tree of %d amortised: sign %.1f us/msg, verify %.1f us/msg%n", size,
					sign / size / 1000, (path + 240_000.0 / size) / 1000);
		}
	}

	private static void check(boolean good) {
		if (!good) {
			throw new AssertionError();
		}
	}

	private static double median(String name, int n, Op op) {
		for (int round = 0; round < 3; round++) {
			for (int i = 0; i < n; i++) {
				op.run(i);
			}
		}
		double[] rounds = new double[7];
		for (int round = 0; round < rounds.length; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < n; i++) {
				op.run(i);
			}
			rounds[round] = (System.nanoTime() - start) / (double) n;
		}
		Arrays.sort(rounds);
		System.out.printf("%-48s median %8.1f us (min %.1f, max %.1f)%n", name, rounds[3] / 1000, rounds[0] / 1000,
				rounds[6] / 1000);
		return rounds[3];
	}

}
