package dev.p2pchat.peer.mesh;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link DeliveryTicket} for tests: equal by name, and remembers what it was told.
 */
record TestTicket(Object name, List<String> reports) implements DeliveryTicket {

	static TestTicket ticket(Object name) {
		return new TestTicket(name, new CopyOnWriteArrayList<>());
	}

	@Override
	public void delivered(String peerId) {
		this.reports.add("delivered to " + peerId);
	}

	@Override
	public void failed(String peerId, String reason) {
		this.reports.add("failed at " + peerId + ": " + reason);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TestTicket ticket && ticket.name.equals(this.name);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return String.valueOf(this.name);
	}

}
