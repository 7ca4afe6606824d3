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
 * The page when a name changes hands (jars, headless chromium): a tracker that reserves
 * no names, alice's page open, bob leaves and a squatter registers {@code bob} under its
 * own key. Alice's page shows the warning with both peerIds, refuses to send to bob, and
 * sends once she accepts the new key.
 */
class KeyChangeBrowserIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static LocalChat chat;

	private static ChromeDriver page;

	@BeforeAll
	static void start() {
		Chromium.requireInstalled();
		chat = LocalChat.start("--p2pchat.tracker.name-reservation=0s");
	}

	@AfterAll
	static void stop() {
		if (page != null) {
			page.quit();
		}
		if (chat != null) {
			chat.close();
		}
	}

	@Test
	void keyChangeIsShownThenAcceptedAndOnlyThenSent() {
		JarProcess alice = chat.peer("alice");
		JarProcess bob = chat.peer("bob");
		chat.awaitLinked();
		String bobId = LocalChat.JSON.readTree(bob.get("/me")).get("peerId").asString();
		page = Chromium.start(1000, 800);
		page.get(alice.url("/?token=" + alice.token()).toString());
		await().atMost(WAIT).until(() -> !page.findElements(By.cssSelector("#peers li[data-peer-id]")).isEmpty());
		assertThat(page.findElement(By.id("key-changes")).isDisplayed()).isFalse();

		bob.close();
		chat.forget(bob);
		JarProcess squatter = chat.peer("bob");
		squatter.awaitReady();
		String squatterId = LocalChat.JSON.readTree(squatter.get("/me")).get("peerId").asString();

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(page.findElement(By.id("key-changes")).isDisplayed()).isTrue());
		String warning = page.findElement(By.id("key-changes")).getText();
		assertThat(warning).contains("bob's key changed", bobId, squatterId);
		send(page, "msg bob not for you");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(page.findElement(By.id("composer-error")).getText())
				.contains("bob's key changed: nothing was sent"));

		page.findElement(By.cssSelector("#key-changes .accept-key")).click();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(page.findElement(By.id("key-changes")).isDisplayed()).isFalse());
		send(page, "msg bob hello new bob");
		await().atMost(WAIT).untilAsserted(() -> assertThat(squatter.get("/messages")).contains("hello new bob"));
		assertThat(squatter.get("/messages")).doesNotContain("not for you");
	}

	private static void send(ChromeDriver page, String text) {
		WebElement input = page.findElement(By.id("text"));
		input.clear();
		input.sendKeys(text);
		input.sendKeys(Keys.ENTER);
	}

}
