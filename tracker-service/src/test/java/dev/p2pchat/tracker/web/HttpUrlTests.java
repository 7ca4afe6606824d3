package dev.p2pchat.tracker.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HttpUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8081", "https://peer.example.org", "HTTP://HOST:1/base/",
			"http://127.0.0.1:8082/chat?x=1", "http://[::1]:8083", "http://tracker-peer-0.peers.default.svc:8081" })
	void isHttpUrlAcceptsAbsoluteHttpUrls(String url) {
		assertThat(HttpUrl.Validator.isHttpUrl(url)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "localhost:8081", "//host/x", "ws://host", "file:///etc/passwd", "http:/x",
			"http://host/#frag", "http://user@host", "http://ho st", "mailto:a@b" })
	void isHttpUrlRejectsEverythingElse(String url) {
		assertThat(HttpUrl.Validator.isHttpUrl(url)).isFalse();
	}

}
