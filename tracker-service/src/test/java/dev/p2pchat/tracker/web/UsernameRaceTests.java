package dev.p2pchat.tracker.web;

import dev.p2pchat.tracker.ServerTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.p2pchat.tracker.registry.Peer;
import dev.p2pchat.tracker.registry.PeerFields;
import org.junit.jupiter.api.RepeatedTest;

import static dev.p2pchat.tracker.TestIdentity.id;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty clients race for one username, spelled in fifty different cases, over real HTTP:
 * exactly one wins.
 */
class UsernameRaceTests extends ServerTestBase {

	private static final int CLIENTS = 50;

	private static final String NAME = "racename";

	@RepeatedTest(3)
	void registerWhenFiftyRaceForOneNameExactlyOneWins() throws Exception {
		List<Integer> statuses = race((i) -> this.http.register("racer-" + i, spelling(i), "http://localhost:9/" + i));

		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(CLIENTS - 1);
		assertThat(this.registry.list().peers()).extracting((peer) -> PeerFields.nameKey(peer.username()))
			.containsExactly(NAME);
	}

	@RepeatedTest(3)
	void renameWhenFiftyRaceForOneNameExactlyOneWins() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			tokens.add(this.http.token("renamer-" + i, "renamer-" + i, "http://localhost:9/" + i));
		}

		List<Integer> statuses = race((i) -> this.http.patchJson("/peers/" + id("renamer-" + i),
				"{\"username\":\"" + spelling(i) + "\"}", "Authorization", "Bearer " + tokens.get(i)));

		assertThat(statuses).filteredOn((status) -> status == 200).hasSize(1);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(CLIENTS - 1);
		List<Peer> peers = this.registry.list().peers();
		assertThat(peers).hasSize(CLIENTS);
		assertThat(peers).filteredOn((peer) -> PeerFields.nameKey(peer.username()).equals(NAME)).hasSize(1);
	}

	/**
	 * Runs the calls at once (a barrier releases them together) and returns the statuses.
	 */
	private static List<Integer> race(IntFunction<HttpResponse<String>> call) throws Exception {
		CyclicBarrier start = new CyclicBarrier(CLIENTS);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < CLIENTS; i++) {
				int client = i;
				results.add(executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return call.apply(client).statusCode();
				}));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get(30, TimeUnit.SECONDS));
			}
			return statuses;
		}
	}

	/**
	 * The i-th of fifty different spellings of {@link #NAME}: bit j of i upper-cases
	 * letter j.
	 */
	private static String spelling(int i) {
		StringBuilder name = new StringBuilder(NAME);
		for (int j = 0; j < name.length(); j++) {
			if ((i & (1 << j)) != 0) {
				name.setCharAt(j, Character.toUpperCase(name.charAt(j)));
			}
		}
		return name.toString();
	}

}
