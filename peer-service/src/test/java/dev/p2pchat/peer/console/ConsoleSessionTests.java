package dev.p2pchat.peer.console;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.p2pchat.peer.sse.SseEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSessionTests {

	private final FakeApi api = new FakeApi();

	private final Self self = new Self("p-alice", "alice");

	@Test
	void linkWhenRelayedShowsTheRelaysName() {
		var relay = new ApiViews.Peer("p-bob", "bob", "connected");
		var relayed = new ApiViews.Peer("p-dave", "dave", "relayed", "p-bob");

		assertThat(ConsoleSession.link(relayed, List.of(relay, relayed))).isEqualTo("relayed via bob");
		assertThat(ConsoleSession.link(relay, List.of(relay, relayed))).isEqualTo("connected");
	}

	@Test
	void runWhenPlainLineBroadcastsIt() throws Exception {
		run("hello all");

		assertThat(this.api.sent).containsExactly("* hello all");
	}

	@Test
	void runWhenAMessageIsSentRemembersItsTextForItsReceipts() throws Exception {
		run("hello all");

		assertThat(this.self.sentText("m1")).contains("hello all");
	}

	@Test
	void runWhenMsgSendsPrivately() throws Exception {
		run("msg 'bob' 'hello there'");

		assertThat(this.api.sent).containsExactly("bob hello there");
	}

	@Test
	void runWhenMsgToUnknownUserSaysSoLikeTheOriginal() throws Exception {
		List<String> out = run("msg nobody hi");

		assertThat(out).contains("Could not find peer with username nobody");
	}

	@Test
	void runWhenMsgIncompletePrintsUsageAndGoesOn() throws Exception {
		List<String> out = run("msg", "still here");

		assertThat(out).contains(CommandParser.MSG_USAGE);
		assertThat(this.api.sent).containsExactly("* still here");
	}

	@Test
	void runWhenRenameWithNameRenames() throws Exception {
		List<String> out = run("rename alicia", "hi");

		assertThat(this.self.username()).isEqualTo("alicia");
		assertThat(out).contains("You are now known as alicia.");
	}

	@Test
	void runWhenRenameAlreadyAnnouncedByTheStreamSaysItOnce() throws Exception {
		ScriptedIo io = new ScriptedIo("rename alicia");
		var stream = new EventFormatter(JsonMapper.builder().build(), this.self,
				Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC), new PeerNames());
		// the peer's event stream reports the rename before the PUT /me answer arrives
		this.api.beforeRenameAnswer = () -> stream
			.format(new SseEvent("renamed",
					"{\"peerId\":\"p-alice\",\"username\":\"alicia\",\"previousUsername\":\"alice\"}"))
			.ifPresent(io::println);

		new ConsoleSession(this.api, io, this.self).run();

		assertThat(this.api.renames).containsExactly("alicia");
		assertThat(this.self.username()).isEqualTo("alicia");
		assertThat(io.out).containsOnlyOnce("You are now known as alicia.");
	}

	@Test
	void runWhenRenameAloneTakesTheNameFromTheNextLine() throws Exception {
		List<String> out = run("rename", "Brian", "rename");

		assertThat(out).contains("Enter new username:", "You are now known as Brian.");
		assertThat(this.api.renames).containsExactly("Brian");
	}

	@Test
	void runWhenRenameNextLineLooksLikeACommandStillRenames() throws Exception {
		run("rename", "peers");

		assertThat(this.api.renames).containsExactly("peers");
	}

	@Test
	void runWhenRenameNextLineBlankCancels() throws Exception {
		List<String> out = run("rename", "  ");

		assertThat(out).contains("Rename cancelled; you are still alice.");
		assertThat(this.api.renames).isEmpty();
	}

	@Test
	void runWhenNameTakenKeepsTheOldName() throws Exception {
		List<String> out = run("rename bob");

		assertThat(out).contains("The username bob is taken; you are still alice.");
		assertThat(this.self.username()).isEqualTo("alice");
	}

	@Test
	void runWhenPeersListsThemWithLinkStates() throws Exception {
		List<String> out = run("peers");

		assertThat(out).anySatisfy((line) -> assertThat(line).contains("Peers (2):")
			.containsPattern("bob\\s+connected")
			.containsPattern("carol\\s+down"));
	}

	@Test
	void runWhenMsgToANameWhoseKeyChangedSaysSoAndHowToTrust() throws Exception {
		List<String> out = run("msg dave hi");

		assertThat(this.api.sent).isEmpty();
		assertThat(out).contains("! not sent: dave's key changed",
				"  dave is now someone else's key. If you know why (a new device or data directory), type: trust dave");
	}

	@Test
	void runWhenTrustAcceptsTheNewKeyThenMsgSends() throws Exception {
		List<String> out = run("trust DAVE", "msg dave hi");

		assertThat(this.api.accepted).containsExactly("dave p-squatter");
		assertThat(out).contains("You now trust dave's new key p-squatter.");
		assertThat(this.api.sent).containsExactly("dave hi");
	}

	@Test
	void runWhenTrustANameWhoseKeyDidNotChangeAcceptsNothing() throws Exception {
		List<String> out = run("trust carol");

		assertThat(this.api.accepted).isEmpty();
		assertThat(out).contains("carol's key has not changed; nothing to accept.");
	}

	@Test
	void runWhenHelpPrintsTheCommands() throws Exception {
		assertThat(run("help")).contains(ConsoleSession.HELP);
	}

	@Test
	void runWhenQuitStopsReadingAndSaysGoodbye() throws Exception {
		List<String> out = run("quit", "never sent");

		assertThat(this.api.sent).isEmpty();
		assertThat(out).last().isEqualTo("alice has left the chat.");
	}

	@Test
	void runWhenInputEndsLeavesCleanly() throws Exception {
		List<String> out = run("bye");

		assertThat(this.api.sent).containsExactly("* bye");
		assertThat(out).last().isEqualTo("alice has left the chat.");
	}

	@Test
	void runWhenPeerDoesNotAnswerReportsItAndGoesOn() throws Exception {
		this.api.down = true;

		List<String> out = run("hello", "peers");

		assertThat(out).filteredOn((line) -> line.startsWith("! the peer did not answer")).hasSize(2);
	}

	@Test
	void runWhenTextRejectedShowsTheProblem() throws Exception {
		List<String> out = run("too long");

		assertThat(out).contains("! not sent: text is too long");
	}

	private List<String> run(String... lines) throws InterruptedException {
		ScriptedIo io = new ScriptedIo(lines);
		new ConsoleSession(this.api, io, this.self).run();
		return io.out;
	}

	static final class ScriptedIo implements ConsoleIo {

		final Deque<String> in;

		final List<String> out = new ArrayList<>();

		ScriptedIo(String... lines) {
			this.in = new ArrayDeque<>(Arrays.asList(lines));
		}

		@Override
		public @Nullable String readLine(String prompt) {
			return this.in.poll();
		}

		@Override
		public void println(String line) {
			this.out.add(line);
		}

		@Override
		public void close() {
		}

	}

	static final class FakeApi implements ChatApi {

		final List<String> sent = new ArrayList<>();

		final List<String> renames = new ArrayList<>();

		final List<String> accepted = new ArrayList<>();

		boolean down;

		Runnable beforeRenameAnswer = () -> {
		};

		@Override
		public ApiViews.Me me() {
			return new ApiViews.Me("p-alice", "alice");
		}

		@Override
		public ApiViews.Message send(@Nullable String to, String text) throws IOException {
			failIfDown();
			if ("nobody".equals(to)) {
				throw new ApiException(404, "no peer named nobody");
			}
			if (text.equals("too long")) {
				throw new ApiException(413, "text is too long");
			}
			if ("dave".equals(to) && this.accepted.isEmpty()) {
				throw new ApiException(409, "dave's key changed");
			}
			this.sent.add(((to != null) ? to : "*") + " " + text);
			return new ApiViews.Message("m1", "alice", to, text, null);
		}

		@Override
		public ApiViews.Me rename(String username) throws IOException {
			failIfDown();
			if (username.toLowerCase(Locale.ROOT).equals("bob")) {
				throw new ApiException(409, "username bob is taken");
			}
			this.renames.add(username);
			this.beforeRenameAnswer.run();
			return new ApiViews.Me("p-alice", username);
		}

		@Override
		public List<ApiViews.Peer> peers() throws IOException {
			failIfDown();
			return List.of(new ApiViews.Peer("p-bob", "bob", "connected"),
					new ApiViews.Peer("p-carol", "carol", "down"));
		}

		List<ApiViews.Message> history = List.of();

		@Override
		public List<ApiViews.KeyChange> keyChanges() throws IOException {
			failIfDown();
			return this.accepted.isEmpty() ? List.of(new ApiViews.KeyChange("dave", "p-dave", "p-squatter"))
					: List.of();
		}

		@Override
		public void acceptKey(String username, String peerId) throws IOException {
			failIfDown();
			this.accepted.add(username + " " + peerId);
		}

		@Override
		public List<ApiViews.Message> history(int limit) throws IOException {
			failIfDown();
			return this.history.subList(Math.max(0, this.history.size() - limit), this.history.size());
		}

		@Override
		public void follow(Runnable opened, Consumer<SseEvent> sink) {
			throw new UnsupportedOperationException();
		}

		private void failIfDown() throws IOException {
			if (this.down) {
				throw new IOException("Connection refused");
			}
		}

	}

}
