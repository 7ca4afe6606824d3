package dev.p2pchat.peer.web;

/**
 * A request parameter or field is invalid (400).
 */
class BadRequestException extends RuntimeException {

	private final String field;

	BadRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
