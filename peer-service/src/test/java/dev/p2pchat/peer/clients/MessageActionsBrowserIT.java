package dev.p2pchat.peer.clients;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page's message actions in real Chromium: one page replies (quoted), edits, reacts
 * and deletes; a second page of the same peer shows each of them live, from the stream.
 */
class MessageActionsBrowserIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static LocalChat chat;

	private static ChromeDriver page;

	private static ChromeDriver other;

	@BeforeAll
	static void start() {
		Chromium.requireInstalled();
		chat = LocalChat.start();
	}

	@AfterAll
	static void stop() {
		for (ChromeDriver driver : new ChromeDriver[] { page, other }) {
			if (driver != null) {
				driver.quit();
			}
		}
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void actionsWhenMadeOnOnePageAreShownOnTheOther() {
		JarProcess alice = chat.peer("alice");
		alice.awaitReady();
		page = open(alice);
		other = open(alice);

		send(page, "first tyop");
		WebElement first = await().atMost(WAIT).until(() -> message(other, "first tyop"), (m) -> m != null);
		String id = first.getDomAttribute("data-id");

		// reply: quoted on both pages
		message(page, "first tyop").findElement(By.cssSelector(".actions .reply")).click();
		assertThat(page.findElement(By.id("reply-banner")).getText()).contains("Replying to alice: first tyop");
		send(page, "a reply");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(message(other, "a reply").findElement(By.cssSelector(".reply-quote")).getText())
						.isEqualTo("alice: first tyop"));
		assertThat(page.findElement(By.id("reply-banner")).isDisplayed()).isFalse();

		// edit: the new text, marked edited
		byId(page, id).findElement(By.cssSelector(".actions .edit")).click();
		var prompt = page.switchTo().alert();
		prompt.sendKeys("first typo fixed");
		prompt.accept();
		await().atMost(WAIT).untilAsserted(() -> {
			WebElement edited = byId(other, id);
			assertThat(edited.findElement(By.cssSelector(".text")).getText()).isEqualTo("first typo fixed");
			assertThat(edited.findElement(By.cssSelector(".meta .edited")).getText()).isEqualTo("edited");
		});

		// react: a chip with who reacted
		byId(page, id).findElement(By.cssSelector(".actions .react")).click();
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(byId(other, id).findElement(By.cssSelector(".reactions .reaction")).getText())
						.isEqualTo("\uD83D\uDC4D 1"));

		// delete: shown deleted, its text gone from both pages
		byId(page, id).findElement(By.cssSelector(".actions .delete")).click();
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(byId(other, id).getText()).contains("This message was deleted.").doesNotContain("typo");
			assertThat(byId(page, id).getText()).contains("This message was deleted.").doesNotContain("typo");
		});
	}

	private static ChromeDriver open(JarProcess peer) {
		ChromeDriver driver = Chromium.start(1000, 800);
		driver.get(peer.url("/?token=" + peer.token()).toString());
		await().atMost(WAIT)
			.until(() -> driver.findElement(By.id("rename-input")).getDomProperty("value"), "alice"::equals);
		return driver;
	}

	private static void send(ChromeDriver driver, String text) {
		WebElement input = driver.findElement(By.id("text"));
		input.clear();
		input.sendKeys(text);
		input.sendKeys(Keys.ENTER);
	}

	private static WebElement message(ChromeDriver driver, String text) {
		return driver.findElements(By.cssSelector("#messages li.message"))
			.stream()
			.filter((li) -> li.findElement(By.cssSelector(".text")).getText().equals(text))
			.findFirst()
			.orElse(null);
	}

	private static WebElement byId(ChromeDriver driver, String id) {
		return driver.findElement(By.cssSelector("#messages li.message[data-id='" + id + "']"));
	}

}
