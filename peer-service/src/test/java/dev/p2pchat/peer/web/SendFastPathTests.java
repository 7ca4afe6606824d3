package dev.p2pchat.peer.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.p2pchat.peer.messaging.ChatMessage;
import dev.p2pchat.peer.messaging.ChatService;
import dev.p2pchat.peer.messaging.InvalidMessageException;
import dev.p2pchat.peer.messaging.UnknownRecipientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Which sends the fast path answers itself and which it passes on, body intact; what MVC
 * then answers is {@code SendFastPathIT}'s.
 */
class SendFastPathTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final ChatService chat = mock();

	private final SendFastPath fastPath = new SendFastPath(new MessageController(this.chat, mock()), JSON, 100);

	@Test
	void sendWhenPlainJsonAnswersAcceptedWithoutMvc() throws Exception {
		var message = new ChatMessage(UUID.randomUUID(), "p1", "alice", "p2", "bob", "hi",
				Instant.parse("2026-11-25T16:00:00.123Z"));
		given(this.chat.send("Bob", "hi")).willReturn(message);
		var chain = new MockFilterChain();
		var response = new MockHttpServletResponse();

		this.fastPath.doFilter(post("application/json", "{\"to\":\"Bob\",\"text\":\"hi\"}"), response, chain);

		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(202);
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getContentLength()).isEqualTo(response.getContentAsByteArray().length);
		assertThat(response.getContentAsString()).isEqualTo("{\"id\":\"" + message.id()
				+ "\",\"from\":\"alice\",\"fromId\":\"p1\",\"to\":\"bob\",\"text\":\"hi\",\"sentAt\":\"2026-11-25T16:00:00.123Z\"}");
	}

	@Test
	void sendWhenChatServiceRejectsPassesTheSameBodyOn() throws Exception {
		given(this.chat.send(any(), anyString())).willThrow(UnknownRecipientException.class)
			.willThrow(InvalidMessageException.class);

		String unknown = passedOnBody(post("application/json", "{\"to\":\"nobody\",\"text\":\"hi\"}"));
		String invalid = passedOnBody(post("application/json", "{\"text\":\"\"}"));

		assertThat(unknown).isEqualTo("{\"to\":\"nobody\",\"text\":\"hi\"}");
		assertThat(invalid).isEqualTo("{\"text\":\"\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"text\":", "{\"text\":\"hi\",\"color\":\"red\"}", "{\"text\":\"hi\"} {}", "null", "" })
	void sendWhenBodyDoesNotBindPassesItOnUnsent(String body) throws Exception {
		assertThat(passedOnBody(post("application/json", body))).isEqualTo(body);
		verify(this.chat, never()).send(any(), anyString());
	}

	@Test
	void sendWhenBodyPastTheBoundPassesItOnUnsent() throws Exception {
		String body = "{\"text\":\"hi\"}" + " ".repeat(2000);

		assertThat(passedOnBody(post("application/json", body))).isEqualTo(body);
		verify(this.chat, never()).send(any(), anyString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/vnd.p2pchat+json", "application/json;charset=ISO-8859-1",
			"application/json;v=2", "not a type" })
	void sendWhenNotPlainJsonPassesItOnUnsent(String contentType) throws Exception {
		assertThat(passedOnBody(post(contentType, "{\"text\":\"hi\"}"))).isEqualTo("{\"text\":\"hi\"}");
		verify(this.chat, never()).send(any(), anyString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/problem+json", "text/html", "application/json;q=0.5", "*/*;q=0.1" })
	void sendWhenAcceptMayChooseAnotherTypePassesItOnUnsent(String accept) throws Exception {
		var request = post("application/json", "{\"text\":\"hi\"}");
		request.addHeader("Accept", accept);

		assertThat(passedOnBody(request)).isEqualTo("{\"text\":\"hi\"}");
		verify(this.chat, never()).send(any(), anyString());
	}

	@Test
	void sendWhenNotPostPassesItOn() throws Exception {
		var request = post("application/json", "{\"text\":\"hi\"}");
		request.setMethod("PUT");
		var chain = new MockFilterChain();

		this.fastPath.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(request);
	}

	private String passedOnBody(MockHttpServletRequest request) throws Exception {
		var chain = new MockFilterChain();

		this.fastPath.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isNotNull();
		return new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	private static MockHttpServletRequest post(String contentType, String body) {
		var request = new MockHttpServletRequest("POST", "/messages");
		request.setContentType(contentType);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

}
