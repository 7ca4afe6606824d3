package dev.p2pchat.peer.console;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.IntConsumer;

import lombok.extern.slf4j.Slf4j;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.p2pchat.peer.access.ApiToken;

/**
 * Starts the terminal client once the application is ready, on a virtual thread, as a
 * client of this peer's own HTTP API on {@code http://127.0.0.1:<port>}. When the user
 * quits (or the input ends) it closes the application, so the peer leaves the tracker at
 * once, and ends the JVM with the application's exit code.
 */
@Slf4j
final class ConsoleRunner implements ApplicationListener<ApplicationReadyEvent> {

	private static final int ME_ATTEMPTS = 20;

	private final JsonMapper json;

	private static final int RECENT = 20;

	private final IntConsumer exit;

	private final Clock clock;

	/**
	 * @param clock the time of receipts; times are shown in its zone
	 */
	ConsoleRunner(JsonMapper json, IntConsumer exit, Clock clock) {
		this.json = json;
		this.exit = exit;
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		URI base = URI.create("http://127.0.0.1:" + web.getWebServer().getPort());
		ConfigurableApplicationContext context = event.getApplicationContext();
		String token = context.getBean(ApiToken.class).value();
		Thread.ofVirtual().name("console").start(() -> runThenExit(base, token, context));
	}

	private void runThenExit(URI base, String token, ConfigurableApplicationContext context) {
		try {
			run(base, token);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (RuntimeException ex) {
			log.error("the terminal client failed", ex);
		}
		this.exit.accept(SpringApplication.exit(context));
	}

	private void run(URI base, String token) throws InterruptedException {
		var names = new PeerNames();
		try (HttpChatApi api = new HttpChatApi(base, this.json, token); ConsoleIo io = openConsole(names)) {
			ApiViews.Me me = whoAmI(api);
			Self self = new Self(me.peerId(), me.username());
			EventFormatter formatter = new EventFormatter(this.json, self, this.clock, names);
			showRecent(api, io, formatter);
			try (EventStreamFollower events = new EventStreamFollower(api, formatter, io)) {
				events.start();
				new ConsoleSession(api, io, self).run();
			}
		}
	}

	private ApiViews.Me whoAmI(HttpChatApi api) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return api.me();
			}
			catch (IOException | ApiException ex) {
				if (attempt == ME_ATTEMPTS) {
					throw new IllegalStateException("GET /me kept failing", ex);
				}
				log.debug("GET /me failed, retrying", ex);
				Thread.sleep(250);
			}
		}
	}

	/**
	 * The last {@value #RECENT} messages, oldest first, then the peers known now (for
	 * completion); a peer that cannot answer leaves both out.
	 */
	static void showRecent(ChatApi api, ConsoleIo io, EventFormatter formatter) throws InterruptedException {
		try {
			List<ApiViews.Message> recent = api.history(RECENT);
			if (!recent.isEmpty()) {
				io.println("Last " + recent.size() + " message" + ((recent.size() == 1) ? "" : "s") + ":");
				recent.forEach((message) -> formatter.history(message).ifPresent(io::println));
			}
			api.peers().forEach((peer) -> formatter.names().put(peer.peerId(), peer.username()));
		}
		catch (IOException | ApiException ex) {
			log.debug("no history at start", ex);
		}
	}

	private static ConsoleIo openConsole(PeerNames names) {
		Console console = System.console();
		if (console != null && console.isTerminal()) {
			return new JLineConsoleIo(new UsernameCompleter(names));
		}
		return new PlainConsoleIo(System.in, System.out);
	}

}
