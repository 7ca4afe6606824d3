package dev.p2pchat.peer.clients;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless chromium driven through its own chromedriver (never Selenium
 * Manager). Without them the browser tests are skipped, except on CI ({@code CI=true})
 * where they fail.
 */
final class Chromium {

	static final Path BINARY = Path.of("/usr/bin/chromium");

	static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private Chromium() {
	}

	static void requireInstalled() {
		boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(installed)
				.as("chromium and chromium-driver installed (apt-get install chromium chromium-driver)")
				.isTrue();
		}
		Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed");
	}

	static ChromeDriver start(int width, int height) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-dev-shm-usage", "--no-first-run", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + freshProfile(), "--window-size=" + width + "," + height, "--lang=en-GB");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/it-logs/chromedriver.log"))
			.build();
		return new ChromeDriver(service, options);
	}

	private static String freshProfile() {
		try {
			return Files.createTempDirectory("p2pchat-chromium-").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
