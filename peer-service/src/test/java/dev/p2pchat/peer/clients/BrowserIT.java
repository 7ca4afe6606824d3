package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The browser page end to end: a tracker and two peers (alice, bob) as real processes,
 * each page in its own headless chromium. Typing in alice's page must show up in bob's,
 * and the other way round; the last test saves a screenshot of the conversation to
 * {@code docs/chat.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static LocalChat chat;

	private static JarProcess alice;

	private static JarProcess carol;

	private static JarProcess bob;

	private static ChromeDriver alicePage;

	private static ChromeDriver bobPage;

	@BeforeAll
	static void start() {
		Chromium.requireInstalled();
		// opening a conversation replaces the shown messages: a list read while it
		// happens
		// holds elements that are gone; waits read it again
		Awaitility.ignoreExceptionByDefault(StaleElementReferenceException.class);
		chat = LocalChat.start();
		alice = chat.peer("alice");
		bob = chat.peer("bob", "--p2pchat.peer.max-text-length=500");
		carol = chat.peer("carol");
		chat.awaitLinked();
		alicePage = open(alice, 1000, 800);
		bobPage = open(bob, 420, 760);
	}

	@AfterAll
	static void stop() {
		Awaitility.reset();
		for (WebDriver page : new WebDriver[] { alicePage, bobPage }) {
			if (page != null) {
				page.quit();
			}
		}
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	@Order(1)
	void broadcastTypedInAlicesPageShowsInBobsWithADeliveryTick() {
		send(alicePage, "Hi Bob! Did the build pass?");

		WebElement received = awaitMessage(bobPage, "Hi Bob! Did the build pass?");
		assertThat(received.findElement(By.cssSelector(".from")).getText()).isEqualTo("alice");
		assertThat(received.getDomAttribute("class")).doesNotContain("private");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(state(awaitMessage(alicePage, "Hi Bob! Did the build pass?")))
				.isEqualTo("delivered"));
		assertThat(awaitMessage(alicePage, "Hi Bob! Did the build pass?").getText()).contains("✓ delivered");
		assertThat(bobPage.findElement(By.id("text")).getDomProperty("maxLength")).isEqualTo("500");
		assertThat(alicePage.findElement(By.id("text")).getDomProperty("maxLength")).isEqualTo("4096");
	}

	@Test
	@Order(2)
	void privateMessageOpensAThreadWithAnUnreadCountAndTitleBadge() {
		alicePage.findElement(By.cssSelector("#peers li[data-peer-id] button")).click();
		assertThat(new Select(alicePage.findElement(By.id("recipient"))).getFirstSelectedOption().getText())
			.isEqualTo("bob (private)");
		assertThat(alicePage.findElement(By.id("conversation-title")).getText()).isEqualTo("Private with bob");
		send(alicePage, "just between us: it did");

		await().atMost(WAIT).untilAsserted(() -> assertThat(unread(bobPage, "alice")).isEqualTo("1"));
		assertThat(bobPage.getTitle()).isEqualTo("(1) bob · p2p-chat");
		assertThat(texts(bobPage, "#messages .message .text")).doesNotContain("just between us: it did");
		openConversation(bobPage, "alice");
		WebElement received = awaitMessage(bobPage, "just between us: it did");
		assertThat(received.getDomAttribute("class")).contains("private");
		assertThat(received.findElement(By.cssSelector(".badge")).getText()).isEqualTo("private");
		assertThat(unread(bobPage, "alice")).isEmpty();
		assertThat(bobPage.getTitle()).isEqualTo("bob · p2p-chat");
		assertThat(texts(bobPage, "#messages .message .text")).doesNotContain("Hi Bob! Did the build pass?");
		openConversation(alicePage, "Everyone");
		openConversation(bobPage, "Everyone");
		assertThat(new Select(alicePage.findElement(By.id("recipient"))).getFirstSelectedOption().getText())
			.isEqualTo("Everyone");
	}

	@Test
	@Order(3)
	void msgCommandTypedInTheComposerSendsPrivately() {
		send(bobPage, "msg alice 'great, thanks!'");

		assertThat(awaitMessage(bobPage, "great, thanks!").getDomAttribute("class")).contains("own", "private");
		await().atMost(WAIT).untilAsserted(() -> assertThat(unread(alicePage, "bob")).isEqualTo("1"));
		openConversation(alicePage, "bob");
		WebElement received = awaitMessage(alicePage, "great, thanks!");
		assertThat(received.getDomAttribute("class")).contains("private");
		assertThat(received.findElement(By.cssSelector(".from")).getText()).isEqualTo("bob");
		openConversation(alicePage, "Everyone");
		openConversation(bobPage, "Everyone");
	}

	@Test
	@Order(4)
	void unknownRecipientIsShownAsAnError() {
		send(bobPage, "msg nobody hello?");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(bobPage.findElement(By.id("composer-error")).getText())
				.contains("Nobody named “nobody” is online"));
		assertThat(bobPage.findElement(By.id("text")).getDomProperty("value")).isEqualTo("msg nobody hello?");
		bobPage.findElement(By.id("text")).clear();
	}

	@Test
	@Order(5)
	void htmlAndScriptInAMessageAreShownLiterally() {
		String hostile = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\"><b>bold?</b>";
		send(alicePage, hostile);

		WebElement received = awaitMessage(bobPage, hostile);
		assertThat(received.findElements(By.cssSelector("script, img, b"))).isEmpty();
		assertThat(((JavascriptExecutor) bobPage).executeScript("return window.pwned === undefined")).isEqualTo(true);
		assertThat(((JavascriptExecutor) alicePage).executeScript("return window.pwned === undefined")).isEqualTo(true);
	}

	@Test
	@Order(6)
	void mentionsAreHighlightedAndOwnNameEspecially() {
		send(bobPage, "@alice can you review? cc @carol");

		WebElement received = awaitMessage(alicePage, "can you review?");
		assertThat(received.findElement(By.cssSelector(".mention.me")).getText()).isEqualTo("@alice");
		assertThat(received.findElements(By.cssSelector(".mention:not(.me)"))).extracting(WebElement::getText)
			.containsExactly("@carol");
		assertThat(received.getDomAttribute("class")).contains("mentions-me");
		assertThat(awaitMessage(bobPage, "can you review?").findElements(By.cssSelector(".mention.me"))).isEmpty();
	}

	@Test
	@Order(7)
	void typingInBobsComposerShowsInAlicesPageAndGoesAway() {
		bobPage.findElement(By.id("text")).sendKeys("hold on, checking");

		// a notice from the previous test may still hold the 2 s limit: keep typing
		await().atMost(WAIT).untilAsserted(() -> {
			bobPage.findElement(By.id("text")).sendKeys(".");
			assertThat(alicePage.findElement(By.id("typing")).getText()).isEqualTo("bob is typing…");
		});
		bobPage.findElement(By.id("text")).clear();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alicePage.findElement(By.id("typing")).getText()).isEmpty());
		assertThat(texts(alicePage, "#messages .text")).noneMatch((text) -> text.contains("hold on"));
	}

	@Test
	@Order(8)
	void messagesOfTheDayAreUnderOneDateLineWithTheFullTimeOnHover() {
		LocalDate today = LocalDate.now();

		List<String> days = texts(alicePage, "#messages .day");

		assertThat(days).hasSize(1);
		assertThat(days.getFirst()).contains(String.valueOf(today.getYear()),
				today.getMonth().getDisplayName(TextStyle.FULL, Locale.UK), String.valueOf(today.getDayOfMonth()));
		WebElement time = awaitMessage(alicePage, "Hi Bob!").findElement(By.cssSelector("time"));
		assertThat(time.getDomAttribute("title")).contains(String.valueOf(today.getYear()))
			.matches(".*\\d:\\d\\d:\\d\\d.*");
		assertThat(time.getText()).matches("\\d\\d:\\d\\d( [AP]M)?");
	}

	@Test
	@Order(9)
	void searchFiltersTheLoadedConversation() {
		WebElement search = alicePage.findElement(By.id("search"));

		search.sendKeys("REVIEW");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(texts(alicePage, "#messages .message .text"))
				.containsExactly("@alice can you review? cc @carol"));
		assertThat(alicePage.findElement(By.id("search-count")).getText()).startsWith("1 of ");
		search.sendKeys(Keys.ESCAPE);
		assertThat(texts(alicePage, "#messages .message .text")).contains("Hi Bob! Did the build pass?");
	}

	@Test
	@Order(10)
	void renameInBobsPageShowsInAlicesPeerList() {
		rename(bobPage, "robert");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(texts(alicePage, "#peers .name")).containsExactly("carol", "robert"));
		assertThat(texts(alicePage, "#messages .notice")).contains("bob is now known as robert.");
		assertThat(bobPage.getTitle()).startsWith("robert");
	}

	@Test
	@Order(11)
	void renameToATakenNameShowsTheConflict() {
		rename(bobPage, "ALICE");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(bobPage.findElement(By.id("rename-error")).getText())
				.isEqualTo("“ALICE” is taken. You are still robert."));
	}

	@Test
	@Order(12)
	void scrollingUpLoadsOlderMessagesWithoutDuplicates() {
		for (int i = 1; i <= 60; i++) {
			carol.post("/messages", "{\"text\":\"status line " + i + "\"}");
		}
		await().atMost(WAIT).until(() -> alice.get("/messages?limit=1000").contains("status line 60"));
		alicePage.navigate().refresh();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(texts(alicePage, "#messages .text")).contains("status line 60"));
		List<String> everyone = broadcastIds(alice.get("/messages?limit=1000"));
		List<String> atStart = broadcastIds(alice.get("/messages?limit=50"));
		assertThat(ids(alicePage)).containsExactlyElementsOf(atStart);

		await().atMost(WAIT).untilAsserted(() -> {
			((JavascriptExecutor) alicePage).executeScript("document.getElementById('messages').scrollTop = 0");
			assertThat(alicePage.findElements(By.cssSelector("#messages .older .start"))).hasSize(1);
		});

		// a peer that pages with before= gives the whole history; one that ignores it,
		// the
		// latest page again, which must add nothing
		boolean paging = !alice.get("/messages?limit=1&before=" + everyone.getLast()).contains(everyone.getLast());
		assertThat(ids(alicePage)).doesNotHaveDuplicates().containsExactlyElementsOf(paging ? everyone : atStart);
	}

	@Test
	@Order(13)
	void conversationScreenshotIsSaved() throws IOException {
		send(bobPage, "Yes! All green. Shipping it after lunch.");
		awaitMessage(alicePage, "Shipping it after lunch");
		send(alicePage, "msg robert 'nice, see you at 2'");
		awaitMessage(alicePage, "nice, see you at 2");
		carol.post("/messages", "{\"to\":\"alice\",\"text\":\"are you two coming to the demo?\"}");
		send(bobPage, "Lunch is here, @alice");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(unread(alicePage, "carol")).isEqualTo("1");
			assertThat(unread(alicePage, "Everyone")).isEqualTo("1");
		});
		assertThat(alicePage.getTitle()).isEqualTo("(2) alice · p2p-chat");
		openConversation(bobPage, "alice");
		awaitMessage(bobPage, "nice, see you at 2");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(state(awaitMessage(alicePage, "nice, see you at 2"))).isEqualTo("delivered"));

		Path shot = alicePage.getScreenshotAs(OutputType.FILE).toPath();
		Files.createDirectories(Path.of("target"));
		Files.copy(shot, Path.of("target", "chat.png"), StandardCopyOption.REPLACE_EXISTING);
		String docs = System.getProperty("p2pchat.it.docs-dir");
		if (docs != null && Files.isDirectory(Path.of(docs))) {
			Files.copy(shot, Path.of(docs, "chat.png"), StandardCopyOption.REPLACE_EXISTING);
		}
		Files.copy(bobPage.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target", "chat-phone.png"),
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(Path.of("target", "chat.png"))).isPositive();
	}

	@Test
	@Order(14)
	void darkModeFollowsTheSystemAndItsScreenshotIsSaved() throws IOException {
		alicePage.executeCdpCommand("Emulation.setEmulatedMedia",
				Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
		try {
			await().atMost(WAIT)
				.untilAsserted(
						() -> assertThat(alicePage.findElement(By.tagName("html")).getCssValue("background-color"))
							.isEqualTo("rgba(18, 22, 29, 1)"));
			Path shot = alicePage.getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, Path.of("target", "chat-dark.png"), StandardCopyOption.REPLACE_EXISTING);
			String docs = System.getProperty("p2pchat.it.docs-dir");
			if (docs != null && Files.isDirectory(Path.of(docs))) {
				Files.copy(shot, Path.of(docs, "chat-dark.png"), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			alicePage.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
		}
		assertThat(alicePage.findElement(By.tagName("html")).getCssValue("background-color"))
			.isEqualTo("rgba(246, 247, 249, 1)");
	}

	@Test
	@Order(15)
	void droppedStreamIsShownAndTheOtherPageSeesThePeerLeave() {
		alice.close();

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alicePage.findElement(By.id("banner")).getText())
				.isEqualTo("Live updates lost. Reconnecting…"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(texts(bobPage, "#peers .name")).containsExactly("carol"));
		assertThat(texts(bobPage, "#past .name")).containsExactly("alice");
		openConversation(bobPage, "Everyone");
		assertThat(texts(bobPage, "#messages .notice")).contains("alice left the chat.");
	}

	@Test
	@Order(10)
	void pageWithoutSessionShowsTheSignInViewThenTheChatThenSignsOut() {
		ChromeDriver page = Chromium.start(800, 700);
		try {
			page.get(bob.url("/").toString());

			assertThat(page.findElements(By.id("signin-form"))).hasSize(1);
			assertThat(page.findElements(By.id("messages"))).isEmpty();
			page.findElement(By.id("token")).sendKeys(bob.token(), Keys.ENTER);
			await().atMost(WAIT).untilAsserted(() -> assertThat(page.findElements(By.id("messages"))).hasSize(1));
			assertThat(page.getCurrentUrl()).doesNotContain(bob.token());
			await().atMost(WAIT)
				.untilAsserted(
						() -> assertThat(page.findElement(By.id("rename-input")).getDomProperty("value")).isNotEmpty());
			send(page, "signed in by pasting the token");
			awaitMessage(page, "signed in by pasting the token");

			page.findElement(By.id("sign-out")).click();

			await().atMost(WAIT).untilAsserted(() -> assertThat(page.findElements(By.id("signin-form"))).hasSize(1));
			page.get(bob.url("/").toString());
			assertThat(page.findElements(By.id("messages"))).isEmpty();
		}
		finally {
			page.quit();
		}
	}

	@Test
	@Order(11)
	void pageFromAnotherOriginCannotReadThePeer() {
		ChromeDriver page = Chromium.start(800, 700);
		try {
			page.get(bob.url("/?token=" + bob.token()).toString());
			await().atMost(WAIT).untilAsserted(() -> assertThat(page.findElements(By.id("messages"))).hasSize(1));
			// another origin (the tracker's port) in the same browser, which holds bob's
			// session
			page.get(chat.tracker().url("/actuator/health").toString());

			Object result = page.executeAsyncScript("""
					const done = arguments[arguments.length - 1];
					fetch(arguments[0], { credentials: 'include' })
						.then((r) => r.text()).then((t) => done('read: ' + t))
						.catch((e) => done('refused: ' + e));
					""", bob.url("/messages").toString());

			assertThat(String.valueOf(result)).startsWith("refused:");
		}
		finally {
			page.quit();
		}
	}

	private static ChromeDriver open(JarProcess peer, int width, int height) {
		ChromeDriver page = Chromium.start(width, height);
		page.get(peer.url("/?token=" + peer.token()).toString());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(page.findElement(By.id("rename-input")).getDomProperty("value"))
				.isEqualTo(peer.name()));
		await().atMost(WAIT).untilAsserted(() -> assertThat(texts(page, "#peers .link")).containsOnly("connected"));
		return page;
	}

	private static void send(ChromeDriver page, String text) {
		WebElement input = page.findElement(By.id("text"));
		input.clear();
		input.sendKeys(text);
		input.sendKeys(Keys.ENTER);
	}

	private static void rename(ChromeDriver page, String username) {
		WebElement input = page.findElement(By.id("rename-input"));
		input.clear();
		input.sendKeys(username, Keys.ENTER);
	}

	private static WebElement awaitMessage(ChromeDriver page, String text) {
		return await().atMost(WAIT)
			.until(() -> page.findElements(By.cssSelector("#messages .message"))
				.stream()
				.filter((m) -> m.findElement(By.cssSelector(".text")).getText().contains(text))
				.findFirst()
				.orElse(null), (found) -> found != null);
	}

	private static void openConversation(ChromeDriver page, String name) {
		page.findElements(By.cssSelector("[data-conversation] .open"))
			.stream()
			.filter((button) -> button.findElement(By.cssSelector(".name")).getText().equals(name))
			.findFirst()
			.orElseThrow()
			.click();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(page.findElement(By.id("conversation-title")).getText())
				.isEqualTo(name.equals("Everyone") ? name : "Private with " + name));
	}

	/** The unread badge of a conversation; empty when hidden. */
	private static String unread(ChromeDriver page, String name) {
		return page.findElements(By.cssSelector("[data-conversation]"))
			.stream()
			.filter((item) -> item.findElement(By.cssSelector(".name")).getText().equals(name))
			.findFirst()
			.map((item) -> item.findElement(By.cssSelector(".unread")).getText())
			.orElseThrow();
	}

	private static List<String> ids(ChromeDriver page) {
		return page.findElements(By.cssSelector("#messages .message"))
			.stream()
			.map((m) -> m.getDomAttribute("data-id"))
			.toList();
	}

	private static List<String> broadcastIds(String history) {
		List<String> ids = new ArrayList<>();
		for (JsonNode message : LocalChat.JSON.readTree(history)) {
			if (message.path("to").isNull() || message.path("to").isMissingNode()) {
				ids.add(message.path("id").asString());
			}
		}
		return ids;
	}

	private static String state(WebElement message) {
		return message.findElement(By.cssSelector(".state")).getDomAttribute("data-state");
	}

	private static List<String> texts(ChromeDriver page, String css) {
		return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

}
