package dev.p2pchat.peer.access;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import lombok.extern.slf4j.Slf4j;

/**
 * The page's live sessions, at most {@code max}: a new one beyond it ends the oldest, so
 * that whatever makes sessions (only the owner's sign-in does) holds a bounded number.
 * Counts them for the {@code p2pchat.sessions.live} gauge. Thread-safe.
 */
@Slf4j
final class OwnerSessions implements HttpSessionListener, HttpSessionIdListener {

	private final int max;

	private final Map<String, HttpSession> live = new LinkedHashMap<>();

	OwnerSessions(int max) {
		this.max = max;
	}

	@Override
	public void sessionCreated(HttpSessionEvent event) {
		List<HttpSession> oldest = new ArrayList<>();
		synchronized (this.live) {
			this.live.put(event.getSession().getId(), event.getSession());
			Iterator<HttpSession> sessions = this.live.values().iterator();
			while (this.live.size() - oldest.size() > this.max && sessions.hasNext()) {
				oldest.add(sessions.next());
			}
		}
		for (HttpSession session : oldest) {
			log.info("more than {} page sessions: ending the oldest", this.max);
			try {
				session.invalidate();
			}
			catch (IllegalStateException ex) {
				// ended meanwhile
			}
			forget(session.getId());
		}
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent event) {
		forget(event.getSession().getId());
	}

	@Override
	public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
		synchronized (this.live) {
			this.live.remove(oldSessionId);
			this.live.put(event.getSession().getId(), event.getSession());
		}
	}

	private void forget(String id) {
		synchronized (this.live) {
			this.live.remove(id);
		}
	}

	/** Sessions alive now. */
	int live() {
		synchronized (this.live) {
			return this.live.size();
		}
	}

}
