package dev.p2pchat.peer.console;

/**
 * The peer answered a call with an error status; {@code detail} is the problem's detail
 * (or title) for the user.
 */
final class ApiException extends RuntimeException {

	private final int status;

	ApiException(int status, String detail) {
		super(detail);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
