package dev.p2pchat.peer.console;

import java.io.IOException;
import java.util.List;

import dev.p2pchat.peer.console.ConsoleCommand.Broadcast;
import dev.p2pchat.peer.console.ConsoleCommand.Empty;
import dev.p2pchat.peer.console.ConsoleCommand.Help;
import dev.p2pchat.peer.console.ConsoleCommand.Invalid;
import dev.p2pchat.peer.console.ConsoleCommand.ListPeers;
import dev.p2pchat.peer.console.ConsoleCommand.Private;
import dev.p2pchat.peer.console.ConsoleCommand.Quit;
import dev.p2pchat.peer.console.ConsoleCommand.Rename;
import dev.p2pchat.peer.console.ConsoleCommand.RenamePrompt;
import dev.p2pchat.peer.console.ConsoleCommand.Trust;
import org.jspecify.annotations.Nullable;

/**
 * The command loop: reads lines until {@code quit} or the end of input and carries each
 * out through the {@link ChatApi}, telling the user what failed. Runs on one thread;
 * returns when the user leaves.
 */
final class ConsoleSession {

	static final String HELP = """
			Commands:
			  <text>                  send <text> to everyone
			  msg <username> <text>   send <text> to <username> only (quotes allowed: msg 'bob' 'hi there')
			  rename <name>           change your username (or: rename, then the name on the next line)
			  trust <username>        accept <username>'s new key after it changed (only if you know why)
			  peers                   list the peers you know and the state of your link to each
			  help                    show this help
			  quit                    leave the chat (also: exit, Ctrl-D)""";

	private final ChatApi api;

	private final ConsoleIo io;

	private final Self self;

	ConsoleSession(ChatApi api, ConsoleIo io, Self self) {
		this.api = api;
		this.io = io;
		this.self = self;
	}

	void run() throws InterruptedException {
		this.io.println("You are " + this.self.username() + ". Type a line to send it to everyone, or help.");
		boolean awaitingName = false;
		while (true) {
			String line = this.io.readLine(awaitingName ? "new username: " : this.self.username() + ": ");
			if (line == null) {
				break;
			}
			if (awaitingName) {
				awaitingName = false;
				renameFromNextLine(line);
				continue;
			}
			ConsoleCommand command = CommandParser.parse(line);
			if (command instanceof Quit) {
				break;
			}
			awaitingName = command instanceof RenamePrompt;
			execute(command);
		}
		this.io.println(this.self.username() + " has left the chat.");
	}

	private void execute(ConsoleCommand command) throws InterruptedException {
		try {
			switch (command) {
				case Empty empty -> {
				}
				case Broadcast broadcast -> send(null, broadcast.text());
				case Private message -> send(message.to(), message.text());
				case Rename rename -> rename(rename.username());
				case RenamePrompt prompt -> this.io.println("Enter new username:");
				case Trust trust -> trust(trust.username());
				case ListPeers peers -> listPeers();
				case Help help -> this.io.println(HELP);
				case Invalid invalid -> this.io.println(invalid.message());
				case Quit quit -> {
				}
			}
		}
		catch (IOException ex) {
			this.io.println("! the peer did not answer: " + ex.getMessage());
		}
	}

	private void renameFromNextLine(String line) throws InterruptedException {
		String username = CommandParser.username(line);
		if (username.isEmpty()) {
			this.io.println("Rename cancelled; you are still " + this.self.username() + ".");
			return;
		}
		execute(new Rename(username));
	}

	private void send(@Nullable String to, String text) throws IOException, InterruptedException {
		try {
			ApiViews.Message sent = this.api.send(to, text);
			this.self.sent(sent.id(), text);
		}
		catch (ApiException ex) {
			this.io.println((ex.status() == 404 && to != null) ? "Could not find peer with username " + to
					: "! not sent: " + Visible.escape(String.valueOf(ex.getMessage())));
			if (ex.status() == 409 && to != null) {
				this.io.println("  " + Visible.escape(to) + " is now someone else's key. If you know why (a new device"
						+ " or data directory), type: trust " + Visible.escape(to));
			}
		}
	}

	private void rename(String username) throws IOException, InterruptedException {
		try {
			ApiViews.Me me = this.api.rename(username);
			if (this.self.renamed(me.username())) {
				this.io.println("You are now known as " + me.username() + ".");
			}
		}
		catch (ApiException ex) {
			this.io.println((ex.status() == 409)
					? "The username " + username + " is taken; you are still " + this.self.username() + "."
					: "! rename failed: " + Visible.escape(String.valueOf(ex.getMessage())));
		}
	}

	private void trust(String username) throws IOException, InterruptedException {
		ApiViews.KeyChange change = this.api.keyChanges()
			.stream()
			.filter((candidate) -> candidate.username().equalsIgnoreCase(username))
			.findFirst()
			.orElse(null);
		if (change == null) {
			this.io.println(Visible.escape(username) + "'s key has not changed; nothing to accept.");
			return;
		}
		try {
			this.api.acceptKey(change.username(), change.newPeerId());
			this.io.println("You now trust " + Visible.escape(change.username()) + "'s new key "
					+ Visible.escape(change.newPeerId()) + ".");
		}
		catch (ApiException ex) {
			this.io.println("! not accepted: " + Visible.escape(String.valueOf(ex.getMessage())));
		}
	}

	/** The link as shown: {@code relayed via <name>} for a link through a relay. */
	static String link(ApiViews.Peer peer, List<ApiViews.Peer> peers) {
		if (!"relayed".equals(peer.link()) || peer.via() == null) {
			return String.valueOf(peer.link());
		}
		String relay = peers.stream()
			.filter((each) -> each.peerId().equals(peer.via()))
			.map(ApiViews.Peer::username)
			.findFirst()
			.orElse(peer.via());
		return "relayed via " + relay;
	}

	private void listPeers() throws IOException, InterruptedException {
		List<ApiViews.Peer> peers = this.api.peers();
		if (peers.isEmpty()) {
			this.io.println("No other peers are online.");
			return;
		}
		StringBuilder out = new StringBuilder("Peers (" + peers.size() + "):");
		for (ApiViews.Peer peer : peers) {
			out.append(
					String.format("%n  %-32s %s", Visible.escape(peer.username()), Visible.escape(link(peer, peers))));
		}
		this.io.println(out.toString());
	}

}
