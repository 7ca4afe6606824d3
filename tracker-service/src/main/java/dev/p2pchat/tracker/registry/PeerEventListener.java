package dev.p2pchat.tracker.registry;

/**
 * Receives the registry's events.
 *
 * <p>
 * Called synchronously, in event order, while the registry holds its write lock: an
 * implementation must return quickly and never block (hand the event to a queue instead).
 * An exception it throws is logged and does not affect the registry or other listeners.
 */
@FunctionalInterface
public interface PeerEventListener {

	void onEvent(PeerEvent event);

}
