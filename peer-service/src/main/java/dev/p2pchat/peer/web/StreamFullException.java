package dev.p2pchat.peer.web;

/** The live stream has as many subscribers as it takes: answered 503. */
class StreamFullException extends RuntimeException {

	StreamFullException(int max) {
		super("the live stream has its " + max + " subscribers already; try again later");
	}

}
