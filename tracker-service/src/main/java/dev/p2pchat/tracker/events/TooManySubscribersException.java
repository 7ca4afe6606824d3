package dev.p2pchat.tracker.events;

/**
 * As many event streams are open as the tracker allows: 503 until one closes.
 */
public class TooManySubscribersException extends RuntimeException {

	public TooManySubscribersException(int maxSubscribers) {
		super("the tracker already serves its maximum of " + maxSubscribers + " event streams; try again later");
	}

}
