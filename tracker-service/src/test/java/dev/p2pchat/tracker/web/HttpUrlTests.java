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

	@ParameterizedTest
	@ValueSource(strings = { "http://10.0.0.7:8081", "http://192.168.1.20", "http://172.17.0.2:8081",
			"http://127.0.0.1", "http://[::1]:8081", "http://[fd00::1]", "http://[2001:db8::1]", "http://169.255.0.1",
			"http://peer-1.local", "http://1.2.3.4.example", "http://0peer.example" })
	void refusalWhenLoopbackPrivateOrNamedAllows(String url) {
		assertThat(HttpUrl.Validator.refusal(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://169.254.169.254/latest/meta-data", "http://169.254.0.1:8081",
			"http://[fe80::1]:8081", "http://[FEBF::1]", "http://[::ffff:169.254.169.254]",
			"http://[::169.254.169.254]", "http://[64:ff9b::169.254.169.254]" })
	void refusalWhenLinkLocalRefuses(String url) {
		assertThat(HttpUrl.Validator.refusal(url)).contains("link-local");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://0.0.0.0:8081", "http://0.1.2.3", "http://[::]:8081", "http://[0:0::0]",
			"http://[::ffff:0.0.0.0]" })
	void refusalWhenUnspecifiedRefuses(String url) {
		assertThat(HttpUrl.Validator.refusal(url)).contains("unspecified");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://u:p@host/", "http://user@10.0.0.1:8081", "https://a@b@host" })
	void refusalWhenUserInfoRefuses(String url) {
		assertThat(HttpUrl.Validator.refusal(url)).isEqualTo("must not contain user info");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://0xa9.0xfe.0xa9.0xfe/", "http://0251.0376.0251.0376/", "http://169.254.43518/",
			"http://a.0x7f/", "http://1.2.3/", "http://010.0.0.1/", "http://256.1.1.1/", "http://1.2.3.4.5/",
			"http://host.1/", "http://169.254.169.254.", "http://[fe80::1%25eth0]/" })
	void refusalWhenIpv4InAnOddFormRefuses(String url) {
		assertThat(HttpUrl.Validator.refusal(url)).isNotNull();
	}

}
