package dev.p2pchat.peer.mesh;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;

class LinkAdmissionTests {

	private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

	private final LinkAdmission admission = new LinkAdmission(3, 2);

	private final Map<String, PeerLink> links = new LinkedHashMap<>();

	private Set<String> preferred = Set.of();

	@Test
	void decideWhenUnderBothBoundsAdmits() {
		assertThat(admit("p1", "127.0.0.2")).isNull();
		assertThat(admit("p2", "127.0.0.3")).isNull();
	}

	@Test
	void decideWhenAnAddressHoldsItsBoundRefusesTheNextFromIt() {
		admit("p1", "127.0.0.2");
		admit("p2", "127.0.0.2");

		assertThat(admit("p3", "127.0.0.2")).isEqualTo(LinkAdmission.Refusal.PER_ADDRESS);
		assertThat(admit("p3", "127.0.0.3")).isNull();
		assertThat(this.admission.mostFromOneAddress()).isEqualTo(2);
	}

	@Test
	void releaseWhenALinkClosesFreesItsAddress() {
		admit("p1", "127.0.0.2");
		PeerLink second = link("p2", "127.0.0.2");
		this.admission.count(second);
		this.links.put("p2", second);

		this.admission.release(second);
		this.admission.release(second);
		this.links.remove("p2");

		assertThat(admit("p3", "127.0.0.2")).isNull();
		assertThat(admit("p4", "127.0.0.2")).isEqualTo(LinkAdmission.Refusal.PER_ADDRESS);
	}

	@Test
	void decideWhenLinksAreFullRefusesAStranger() {
		admit("p1", "127.0.0.2");
		admit("p2", "127.0.0.3");
		admit("p3", "127.0.0.4");

		assertThat(admit("p4", "127.0.0.5")).isEqualTo(LinkAdmission.Refusal.MAX_LINKS);
		assertThat(this.links).containsOnlyKeys("p1", "p2", "p3");
	}

	@Test
	void decideWhenLinksAreFullLetsAPreferredPeerEvictTheLeastRecentlyActiveStranger() {
		linked("p1", "127.0.0.2").active(T0.plusSeconds(5));
		linked("p2", "127.0.0.3").active(T0.plusSeconds(1));
		linked("p3", "127.0.0.4").active(T0.plusSeconds(9));
		this.preferred = Set.of("alice", "p2");

		LinkAdmission.Decision decision = this.admission.decide(link("alice", "127.0.0.5"), "alice", this.links,
				this.preferred::contains);

		assertThat(decision.refusal()).isNull();
		assertThat(decision.evict()).isSameAs(this.links.get("p1"));
	}

	@Test
	void decideWhenLinksAreFullOfPreferredPeersRefusesAnotherPreferredOne() {
		admit("p1", "127.0.0.2");
		admit("p2", "127.0.0.3");
		admit("p3", "127.0.0.4");
		this.preferred = Set.of("p1", "p2", "p3", "alice");

		assertThat(admit("alice", "127.0.0.5")).isEqualTo(LinkAdmission.Refusal.MAX_LINKS);
	}

	@Test
	void decideWhenAPeerReplacesItsOwnLinkAdmitsItAtTheBounds() {
		admit("p1", "127.0.0.2");
		admit("p2", "127.0.0.2");
		admit("p3", "127.0.0.4");

		assertThat(admit("p2", "127.0.0.2")).isNull();
	}

	@Test
	void decideWhenThisPeerDialledTheLinkDoesNotCountItsAddress() {
		PeerLink dialled = new PeerLink(session("127.0.0.2"),
				new dev.p2pchat.peer.tracker.KnownPeer("d1", "d1", URI.create("http://127.0.0.2:1"), null, null),
				NO_OUTCOMES, T0);
		dialled.established(hello("d1"), 1);
		this.admission.count(dialled);
		this.links.put("d1", dialled);
		admit("p1", "127.0.0.2");

		assertThat(admit("p2", "127.0.0.2")).isNull();
	}

	/** Decides for a new accepted link and, when admitted, registers it. */
	private LinkAdmission.Refusal admit(String peerId, String address) {
		PeerLink link = link(peerId, address);
		LinkAdmission.Decision decision = this.admission.decide(link, peerId, this.links, this.preferred::contains);
		if (decision.refusal() == null) {
			this.admission.count(link);
			this.links.put(peerId, link);
		}
		return decision.refusal();
	}

	private PeerLink linked(String peerId, String address) {
		admit(peerId, address);
		return this.links.get(peerId);
	}

	/** These links never open: nobody redials them. */
	static final DialOutcomes NO_OUTCOMES = new DialOutcomes() {
		@Override
		public void linked(String peerId) {
		}

		@Override
		public void lost(String peerId) {
		}

		@Override
		public void failed(String peerId, String reason) {
		}
	};

	static PeerLink link(String peerId, String address) {
		var link = new PeerLink(session(address), null, NO_OUTCOMES, T0);
		link.established(hello(peerId), 1);
		return link;
	}

	private static RemotePeer hello(String peerId) {
		return new RemotePeer(peerId, peerId, URI.create("http://nowhere"), "e");
	}

	static WebSocketSession session(String address) {
		Map<String, Object> attributes = new HashMap<>();
		InetSocketAddress remote = new InetSocketAddress(address, 40000);
		return (WebSocketSession) Proxy.newProxyInstance(LinkAdmissionTests.class.getClassLoader(),
				new Class<?>[] { WebSocketSession.class }, (proxy, method, args) -> switch (method.getName()) {
					case "getRemoteAddress" -> remote;
					case "getAttributes" -> attributes;
					case "getId" -> address;
					case "isOpen" -> true;
					case "toString" -> "session " + address;
					case "hashCode" -> System.identityHashCode(proxy);
					case "equals" -> proxy == args[0];
					default -> null;
				});
	}

}
