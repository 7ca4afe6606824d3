package dev.p2pchat.peer.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.p2pchat.peer.messaging.ChatMessage;
import dev.p2pchat.peer.messaging.ChatService;
import dev.p2pchat.peer.messaging.LoggedMessage;

/**
 * {@code /messages}: send, history, one message with its delivery states, the live
 * stream.
 */
@RestController
@RequestMapping("/messages")
class MessageController {

	private static final int MAX_LIMIT = 1000;

	private final ChatService chat;

	private final MessageStream stream;

	MessageController(ChatService chat, MessageStream stream) {
		this.chat = chat;
		this.stream = stream;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Views.MessageView send(@RequestBody Views.SendRequest request) {
		String text = (request.text() != null) ? request.text() : "";
		UUID replyTo = request.replyTo();
		if (replyTo != null) {
			String conversation = this.chat.conversationOf(replyTo);
			if (request.to() != null && !request.to().equalsIgnoreCase(String.valueOf(conversation))) {
				throw new BadRequestException("to", "a reply goes to the conversation of the message it answers");
			}
			return Views.MessageView.of(this.chat.reply(replyTo, text), replyTo);
		}
		// the 202 promises the message survives a crash of this peer: stored before it
		return Views.MessageView.of(this.chat.sendDurably(request.to(), text));
	}

	@PatchMapping("/{id}")
	Views.MessageView edit(@PathVariable UUID id, @RequestBody Views.EditRequest request) {
		return Views.MessageView.of(this.chat.edit(id, (request.text() != null) ? request.text() : ""));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		this.chat.delete(id);
	}

	@PutMapping("/{id}/reactions/{emoji}")
	Views.MessageView react(@PathVariable UUID id, @PathVariable String emoji) {
		return Views.MessageView.of(this.chat.react(id, emoji, true));
	}

	@DeleteMapping("/{id}/reactions/{emoji}")
	Views.MessageView unreact(@PathVariable UUID id, @PathVariable String emoji) {
		return Views.MessageView.of(this.chat.react(id, emoji, false));
	}

	@PostMapping("/read")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void read(@RequestBody Views.ReadRequest request) {
		if (request.upTo() == null) {
			throw new BadRequestException("upTo", "upTo is required");
		}
		this.chat.read(request.upTo());
	}

	@GetMapping
	List<Views.MessageView> history(@RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) @Nullable UUID after,
			@RequestParam(required = false) @Nullable UUID before) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new BadRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
		}
		if (after != null && before != null) {
			throw new BadRequestException("before", "after and before cannot be combined");
		}
		List<ChatMessage> page = (before != null) ? this.chat.historyBefore(limit, before)
				: this.chat.history(limit, after);
		return page.stream().map(this::withActions).toList();
	}

	@GetMapping("/{id}")
	Views.MessageDetail one(@PathVariable UUID id, @RequestParam(required = false) @Nullable String from) {
		LoggedMessage logged = ((from != null) ? this.chat.find(id, from) : this.chat.find(id))
			.orElseThrow(() -> new NotFoundException("no message " + id));
		return Views.MessageDetail.of(logged, this.chat.readers(logged));
	}

	private Views.MessageView withActions(ChatMessage message) {
		return this.chat.find(message.id(), message.fromId())
			.map(Views.MessageView::of)
			.orElseGet(() -> Views.MessageView.of(message));
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream() {
		return this.stream.subscribe();
	}

}
