package dev.p2pchat.peer.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ReadAheadRequestTests {

	@Test
	void readWhenBodyWithinMaxIsWholeAndReplaysIt() throws Exception {
		var request = request("{\"text\":\"hi\"}", true);

		var body = ReadAheadRequest.read(request, 100);

		assertThat(body.whole()).isTrue();
		assertThat(new String(body.head(), 0, body.length(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\"}");
		assertThat(body.getInputStream().readAllBytes()).asString().isEqualTo("{\"text\":\"hi\"}");
	}

	@Test
	void readWhenLengthUnknownAndBodyPastMaxReplaysTheHeadThenTheRest() throws Exception {
		String text = "0123456789".repeat(30);
		var request = request(text, false);

		var body = ReadAheadRequest.read(request, 100);

		assertThat(body.whole()).isFalse();
		assertThat(body.length()).isEqualTo(101);
		assertThat(body.getInputStream().readAllBytes()).asString().isEqualTo(text);
	}

	@Test
	void readWhenLengthUnknownAndBodyWithinMaxIsWhole() throws Exception {
		String text = "x".repeat(3000);
		var request = request(text, false);

		var body = ReadAheadRequest.read(request, 5000);

		assertThat(body.whole()).isTrue();
		assertThat(Arrays.copyOf(body.head(), body.length())).asString().isEqualTo(text);
	}

	@Test
	void readWhenBodyEmptyIsWhole() throws Exception {
		var body = ReadAheadRequest.read(request("", true), 100);

		assertThat(body.whole()).isTrue();
		assertThat(body.length()).isZero();
		assertThat(body.getInputStream().read()).isEqualTo(-1);
	}

	@Test
	void readerWhenEncodingSetDecodesTheReplayInIt() throws Exception {
		var request = new MockHttpServletRequest("POST", "/messages");
		request.setContent("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
		request.setCharacterEncoding("ISO-8859-1");

		var body = ReadAheadRequest.read(request, 100);

		assertThat(body.getReader().readLine()).isEqualTo("caf\u00e9");
		assertThatIllegalStateException().isThrownBy(body::getInputStream);
	}

	private static MockHttpServletRequest request(String body, boolean withLength) {
		var request = new MockHttpServletRequest("POST", "/messages") {

			@Override
			public int getContentLength() {
				return withLength ? super.getContentLength() : -1;
			}

		};
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

}
