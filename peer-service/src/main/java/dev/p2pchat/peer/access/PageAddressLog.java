package dev.p2pchat.peer.access;

import lombok.extern.slf4j.Slf4j;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs the page's address once, when the web server has its port: with the token when the
 * peer made it (the way Jupyter does, so that the owner can open the page), without it
 * when the owner configured it.
 */
@Slf4j
final class PageAddressLog implements ApplicationListener<WebServerInitializedEvent> {

	private final ApiToken token;

	PageAddressLog(ApiToken token) {
		this.token = token;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		String page = "http://localhost:" + event.getWebServer().getPort() + "/";
		if (this.token.generated()) {
			log.info("chat in your browser: open {}?token={}", page, this.token.value());
		}
		else {
			log.info("chat in your browser: open {}?token=<p2pchat.peer.api-token>", page);
		}
	}

}
