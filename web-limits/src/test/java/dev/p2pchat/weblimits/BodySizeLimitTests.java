package dev.p2pchat.weblimits;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class BodySizeLimitTests {

	private final AtomicInteger reads = new AtomicInteger();

	private final BodySizeLimit limit = new BodySizeLimit(8, JsonMapper.builder().build(), (request) -> {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, BodySizeLimit.detail(8));
		problem.setType(URI.create("urn:p2pchat:too-large"));
		return problem;
	});

	/** Reads the whole body, as Jackson would. */
	private final FilterChain reader = (request, response) -> {
		this.reads.incrementAndGet();
		request.getInputStream().readAllBytes();
		response.getWriter().write("read");
	};

	@Test
	void filterWhenContentLengthOverTheLimitAnswers413WithoutReading() throws Exception {
		MockHttpServletResponse response = filter(body("123456789", true));

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getHeader("Connection")).isEqualTo("close");
		assertThat(response.getContentAsString()).contains("urn:p2pchat:too-large",
				"the request body is larger than 8 bytes");
		assertThat(this.reads).hasValue(0);
	}

	@Test
	void filterWhenChunkedBodyReadPastTheLimitAnswers413() throws Exception {
		MockHttpServletResponse response = filter(body("123456789", false));

		assertThat(this.reads).hasValue(1);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentAsString()).contains("urn:p2pchat:too-large").doesNotContain("read");
	}

	@Test
	void filterWhenBodyAtTheLimitPassesItOn() throws Exception {
		MockHttpServletResponse response = filter(body("12345678", false));

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEqualTo("read");
	}

	@Test
	void readWhenPastTheLimitThrowsTheLimitToTheReader() throws Exception {
		var seen = new java.util.concurrent.atomic.AtomicLong();
		FilterChain handler = (request, response) -> {
			try {
				request.getInputStream().readAllBytes();
			}
			catch (BodyTooLargeException ex) {
				seen.set(ex.limit());
				response.getWriter().write("handled");
			}
		};
		var response = new MockHttpServletResponse();

		this.limit.doFilter(body("123456789", false), response, handler);

		assertThat(seen).hasValue(8);
		assertThat(response.getContentAsString()).isEqualTo("handled");
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		var response = new MockHttpServletResponse();
		this.limit.doFilter(request, response, this.reader);
		return response;
	}

	private static MockHttpServletRequest body(String text, boolean withLength) {
		var request = withLength ? new MockHttpServletRequest("POST", "/messages")
				: new MockHttpServletRequest("POST", "/messages") {

					@Override
					public long getContentLengthLong() {
						return -1; // chunked
					}

				};
		request.setContent(text.getBytes(StandardCharsets.UTF_8));
		return request;
	}

}
