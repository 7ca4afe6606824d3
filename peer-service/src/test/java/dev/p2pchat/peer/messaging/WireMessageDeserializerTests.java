package dev.p2pchat.peer.messaging;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hand-written reader against Jackson's generic binding of the record (the annotation
 * switched off by a mix-in), on the app's setting for unknown fields.
 */
class WireMessageDeserializerTests {

	private final JsonMapper wire = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final JsonMapper generic = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.addMixIn(ChatMessage.class, GenericBinding.class)
		.build();

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"alice-id\",\"from\":\"alice\",\"toId\":null,\"to\":null,\"text\":\"hi\",\"sentAt\":\"2026-11-25T12:00:00.123Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"alice-id\",\"from\":\"alice\",\"toId\":\"bob-id\",\"to\":\"bob\",\"text\":\"psst\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"text\":\"any order\",\"sentAt\":\"2026-11-25T12:00:00.5Z\",\"from\":\"alice\",\"fromId\":\"alice-id\",\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\"}",
			"{\"id\":\"0199A1B2-C3D4-7E5F-8A6B-7C8D9E0F1A2B\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"upper-case id\",\"sentAt\":\"2026-11-25T12:00:00+01:00\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"text\":123,\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"numeric time\",\"sentAt\":1764072000}" })
	void readWhenValidGivesWhatJacksonGives(String json) {
		assertThat(this.wire.readValue(json, ChatMessage.class))
			.isEqualTo(this.generic.readValue(json, ChatMessage.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "[]", "\"text\"",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"not-a-uuid\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"x\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2g\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"x\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":null,\"fromId\":\"a\",\"from\":\"a\",\"text\":\"x\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"x\",\"sentAt\":\"yesterday\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"text\":\"x\",\"sentAt\":\"2026-11-25T12:00:00Z\",\"extra\":1}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"toId\":\"b\",\"text\":\"half a recipient\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":{},\"from\":\"a\",\"text\":\"x\",\"sentAt\":\"2026-11-25T12:00:00Z\"}",
			"{\"id\":\"0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b\",\"fromId\":\"a\",\"from\":\"a\",\"text\":[\"x\"],\"sentAt\":\"2026-11-25T12:00:00Z\"}" })
	void readWhenInvalidFailsAsJacksonFails(String json) {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> this.generic.readValue(json, ChatMessage.class));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> this.wire.readValue(json, ChatMessage.class));
	}

	@JsonDeserialize(using = ValueDeserializer.None.class)
	private interface GenericBinding {

	}

}
