package dev.p2pchat.peer.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a {@link ChatMessage} field by field from the parser. Every received message
 * passes through here: a profile of the receivers under load had Jackson's generic
 * binding of the record (property-based creator) at ~19 % of their CPU. Values in the
 * form every peer writes (strings, a canonical UUID) are read directly; anything else
 * goes to Jackson's own deserializer for its type, and unknown fields to the context
 * (which refuses them), so what is accepted is unchanged. The record's constructor checks
 * the whole.
 */
final class WireMessageDeserializer extends ValueDeserializer<ChatMessage> {

	private static final int UUID_LENGTH = 36;

	private final WireInstantDeserializer instants = new WireInstantDeserializer();

	@Override
	public ChatMessage deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.isExpectedStartObjectToken()) {
			return (ChatMessage) context.handleUnexpectedToken(ChatMessage.class, parser);
		}
		UUID id = null;
		String fromId = null;
		String from = null;
		String toId = null;
		String to = null;
		String text = null;
		Instant sentAt = null;
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			JsonToken value = parser.nextToken();
			switch (name) {
				case "id" -> id = uuid(parser, context, value);
				case "fromId" -> fromId = string(parser, context, value);
				case "from" -> from = string(parser, context, value);
				case "toId" -> toId = string(parser, context, value);
				case "to" -> to = string(parser, context, value);
				case "text" -> text = string(parser, context, value);
				case "sentAt" ->
					sentAt = (value == JsonToken.VALUE_NULL) ? null : this.instants.deserialize(parser, context);
				default -> context.handleUnknownProperty(parser, this, ChatMessage.class, name);
			}
		}
		try {
			return new ChatMessage(id, fromId, from, toId, to, text, sentAt);
		}
		catch (NullPointerException | IllegalArgumentException ex) {
			// as Jackson reports a record that refuses its values
			throw context.instantiationException(ChatMessage.class, ex);
		}
	}

	private static @Nullable String string(JsonParser parser, DeserializationContext context, JsonToken value) {
		return switch (value) {
			case VALUE_STRING -> parser.getString();
			case VALUE_NULL -> null;
			default -> context.readValue(parser, String.class);
		};
	}

	private static @Nullable UUID uuid(JsonParser parser, DeserializationContext context, JsonToken value) {
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		if (value == JsonToken.VALUE_STRING) {
			String text = parser.getString();
			if (text.length() == UUID_LENGTH && text.charAt(8) == '-' && text.charAt(13) == '-'
					&& text.charAt(18) == '-' && text.charAt(23) == '-') {
				try {
					return UUID.fromString(text);
				}
				catch (IllegalArgumentException ex) {
					// not hex: let Jackson refuse it in its own words
				}
			}
		}
		return context.readValue(parser, UUID.class);
	}

}
