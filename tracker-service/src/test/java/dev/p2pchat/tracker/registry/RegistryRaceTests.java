package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.p2pchat.tracker.MutableClock;
import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry itself, raced by platform threads with no HTTP in between.
 */
class RegistryRaceTests {

	private static final int THREADS = 50;

	private final InMemoryPeerRegistry registry = new InMemoryPeerRegistry(
			MutableClock.startingAt("2026-01-01T00:00:00Z"), Duration.ofSeconds(15));

	@RepeatedTest(5)
	void registerWhenRacingForOneNameInManyCasesExactlyOneWins() throws Exception {
		List<Boolean> won = race((i) -> {
			try {
				this.registry.register("p" + i, (i % 2 == 0) ? "Same" : "sAME", "http://h/" + i, "key-p" + i);
				return true;
			}
			catch (NameTakenException ex) {
				return false;
			}
		});

		assertThat(won).containsOnlyOnce(true);
		assertThat(this.registry.list().peers()).hasSize(1);
	}

	@RepeatedTest(5)
	void renameWhenRacingForOneNameExactlyOneWins() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			tokens.add(this.registry.register("p" + i, "user" + i, "http://h/" + i, "key-p" + i).leaseToken());
		}

		List<Boolean> won = race((i) -> {
			try {
				this.registry.rename("p" + i, tokens.get(i), (i % 3 == 0) ? "target" : "TARGET");
				return true;
			}
			catch (NameTakenException ex) {
				return false;
			}
		});

		assertThat(won).containsOnlyOnce(true);
		assertThat(this.registry.list().peers()).filteredOn((p) -> p.username().equalsIgnoreCase("target")).hasSize(1);
	}

	private static List<Boolean> race(Attempt attempt) throws Exception {
		CyclicBarrier start = new CyclicBarrier(THREADS);
		List<Future<Boolean>> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(THREADS)) {
			for (int i = 0; i < THREADS; i++) {
				int index = i;
				results.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return attempt.run(index);
				}));
			}
			List<Boolean> outcomes = new ArrayList<>();
			for (Future<Boolean> result : results) {
				outcomes.add(result.get(10, TimeUnit.SECONDS));
			}
			return outcomes;
		}
	}

	@FunctionalInterface
	private interface Attempt {

		boolean run(int index);

	}

}
