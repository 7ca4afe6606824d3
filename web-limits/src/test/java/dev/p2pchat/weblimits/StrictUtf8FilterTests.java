package dev.p2pchat.weblimits;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class StrictUtf8FilterTests {

	private final AtomicInteger refused = new AtomicInteger();

	private final AtomicInteger served = new AtomicInteger();

	private final StrictUtf8Filter filter = new StrictUtf8Filter(this.refused::incrementAndGet);

	/** Reads the whole body, as Jackson would. */
	private final FilterChain reader = (request, response) -> {
		request.getInputStream().readAllBytes();
		this.served.incrementAndGet();
	};

	@Test
	void filterWhenPathHasAnOverlongSlashRefusesWith400BeforeAnythingRuns() throws Exception {
		var request = new MockHttpServletRequest("GET", "/%C0%AFmessages");

		MockHttpServletResponse response = filter(request);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).contains("urn:p2pchat:bad-encoding");
		assertThat(this.refused).hasValue(1);
		assertThat(this.served).hasValue(0);
	}

	@Test
	void filterWhenQueryIsNotUtf8RefusesWith400() throws Exception {
		var request = new MockHttpServletRequest("GET", "/messages");
		request.setQueryString("q=%ED%A0%80");

		assertThat(filter(request).getStatus()).isEqualTo(400);
		assertThat(this.refused).hasValue(1);
	}

	@Test
	void filterWhenJsonBodyHasAnOverlongFormRefusesWith400() throws Exception {
		var request = new MockHttpServletRequest("POST", "/messages");
		request.setContentType("application/json");
		request.setContent(new byte[] { '{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}' });

		MockHttpServletResponse response = filter(request);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("urn:p2pchat:bad-encoding");
		assertThat(this.refused).hasValue(1);
	}

	@Test
	void filterWhenBodyEndsInsideACharacterRefusesWith400() throws Exception {
		var request = new MockHttpServletRequest("POST", "/messages");
		request.setContent(new byte[] { '"', (byte) 0xF0, (byte) 0x9F });

		assertThat(filter(request).getStatus()).isEqualTo(400);
	}

	@Test
	void filterWhenBodyDeclaresAnotherCharsetLeavesItToThatCharset() throws Exception {
		var request = new MockHttpServletRequest("POST", "/messages");
		request.setContentType("text/plain;charset=ISO-8859-1");
		request.setContent(new byte[] { (byte) 0xC0, (byte) 0xAF });

		assertThat(filter(request).getStatus()).isEqualTo(200);
		assertThat(this.served).hasValue(1);
		assertThat(this.refused).hasValue(0);
	}

	@Test
	void filterWhenEverythingIsUtf8ServesTheRequest() throws Exception {
		var request = new MockHttpServletRequest("POST", "/messages/%F0%9F%91%8D");
		request.setContentType("application/json");
		request.setContent("{\"text\":\"h\u00e9llo \ud83d\udc4d\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

		assertThat(filter(request).getStatus()).isEqualTo(200);
		assertThat(this.served).hasValue(1);
		assertThat(this.refused).hasValue(0);
	}

	private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
		var response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, this.reader);
		return response;
	}

}
