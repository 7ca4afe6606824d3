package dev.p2pchat.peer.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

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

	private static JarProcess bob;

	private static ChromeDriver alicePage;

	private static ChromeDriver bobPage;

	@BeforeAll
	static void start() {
		Chromium.requireInstalled();
		chat = LocalChat.start();
		alice = chat.peer("alice");
		bob = chat.peer("bob");
		chat.awaitLinked();
		alicePage = open(alice, 1000, 800);
		bobPage = open(bob, 420, 760);
	}

	@AfterAll
	static void stop() {
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
	}

	@Test
	@Order(2)
	void privateMessagePickedFromThePeerListIsMarkedPrivate() {
		alicePage.findElement(By.cssSelector("#peers li[data-peer-id] button")).click();
		assertThat(new Select(alicePage.findElement(By.id("recipient"))).getFirstSelectedOption().getText())
			.isEqualTo("bob (private)");
		send(alicePage, "just between us: it did");

		WebElement received = awaitMessage(bobPage, "just between us: it did");
		assertThat(received.getDomAttribute("class")).contains("private");
		assertThat(received.findElement(By.cssSelector(".badge")).getText()).isEqualTo("private");
		new Select(alicePage.findElement(By.id("recipient"))).selectByVisibleText("Everyone");
	}

	@Test
	@Order(3)
	void msgCommandTypedInTheComposerSendsPrivately() {
		send(bobPage, "msg alice 'great, thanks!'");

		WebElement received = awaitMessage(alicePage, "great, thanks!");
		assertThat(received.getDomAttribute("class")).contains("private");
		assertThat(received.findElement(By.cssSelector(".from")).getText()).isEqualTo("bob");
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
	void renameInBobsPageShowsInAlicesPeerList() {
		rename(bobPage, "robert");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(texts(alicePage, "#peers .name")).containsExactly("robert"));
		assertThat(texts(alicePage, "#messages .notice")).contains("bob is now known as robert.");
		assertThat(bobPage.getTitle()).startsWith("robert");
	}

	@Test
	@Order(7)
	void renameToATakenNameShowsTheConflict() {
		rename(bobPage, "ALICE");

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(bobPage.findElement(By.id("rename-error")).getText())
				.isEqualTo("“ALICE” is taken. You are still robert."));
	}

	@Test
	@Order(8)
	void conversationScreenshotIsSaved() throws IOException {
		send(bobPage, "Yes! All green. Shipping it after lunch.");
		awaitMessage(alicePage, "Shipping it after lunch");
		send(alicePage, "msg robert 'nice, see you at 2'");
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
	@Order(9)
	void droppedStreamIsShownAndTheOtherPageSeesThePeerLeave() {
		alice.close();

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(alicePage.findElement(By.id("banner")).getText())
				.isEqualTo("Live updates lost. Reconnecting…"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(texts(bobPage, "#peers .name")).isEmpty());
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

	private static String state(WebElement message) {
		return message.findElement(By.cssSelector(".state")).getDomAttribute("data-state");
	}

	private static List<String> texts(ChromeDriver page, String css) {
		return page.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

}
