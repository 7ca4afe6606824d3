package dev.p2pchat.peer.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import lombok.extern.slf4j.Slf4j;
import org.jspecify.annotations.Nullable;

/**
 * Whether other peers can dial this one: set ({@code p2pchat.peer.reachable=true|false})
 * or learned ({@code auto}, from an authenticated dial-back). Until learned, this peer
 * counts as reachable, as every peer did before. Thread-safe.
 */
@Slf4j
public final class Reachability {

	/** The setting. */
	public enum Mode {

		/** Learned from a dial-back. */
		AUTO,

		/** Others can dial this peer. */
		TRUE,

		/** Nobody can dial this peer; it dials out only. */
		FALSE

	}

	private final Mode mode;

	private volatile @Nullable Boolean learned;

	private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

	public Reachability(Mode mode) {
		this.mode = mode;
	}

	/** Whether this peer is reachable, as far as it knows (true until learned). */
	public boolean reachable() {
		return switch (this.mode) {
			case TRUE -> true;
			case FALSE -> false;
			case AUTO -> !Boolean.FALSE.equals(this.learned);
		};
	}

	/** Whether this peer still has to learn it (auto, nothing learned yet). */
	public boolean unknown() {
		return this.mode == Mode.AUTO && this.learned == null;
	}

	public Mode mode() {
		return this.mode;
	}

	/**
	 * What a dial-back showed; ignored unless the mode is {@code auto}. Listeners are
	 * told when it changes what {@link #reachable()} says.
	 */
	public void learned(boolean reachable) {
		if (this.mode != Mode.AUTO) {
			return;
		}
		boolean before = reachable();
		Boolean previous = this.learned;
		this.learned = reachable;
		if (previous == null || previous != reachable) {
			log.info("learned from a dial-back that this peer is {}reachable", reachable ? "" : "not ");
		}
		if (before != reachable) {
			this.listeners.forEach(Runnable::run);
		}
	}

	/** Runs the action whenever {@link #reachable()} changes. */
	public void onChange(Runnable action) {
		this.listeners.add(action);
	}

}
