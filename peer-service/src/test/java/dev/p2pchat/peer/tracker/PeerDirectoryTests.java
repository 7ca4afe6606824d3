package dev.p2pchat.peer.tracker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.p2pchat.peer.TestClock;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.link.identity.Identity;

import static org.assertj.core.api.Assertions.assertThat;

class PeerDirectoryTests {

	private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

	private final TestClock clock = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));

	private final PeerDirectory directory = new PeerDirectory(new LocalPeer("me", "alice", NOWHERE),
			new TrackerClient(NOWHERE, Duration.ofMillis(200)), this.clock, Duration.ofSeconds(60));

	private final List<String> events = new ArrayList<>();

	PeerDirectoryTests() {
		this.directory.addListener(new DirectoryListener() {
			@Override
			public void joined(KnownPeer peer) {
				PeerDirectoryTests.this.events.add("joined " + peer.username());
			}

			@Override
			public void left(KnownPeer peer) {
				PeerDirectoryTests.this.events.add("left " + peer.username());
			}

			@Override
			public void renamed(KnownPeer peer, String previousUsername) {
				PeerDirectoryTests.this.events.add("renamed " + previousUsername + "->" + peer.username());
			}

			@Override
			public void forgotten(KnownPeer peer) {
				PeerDirectoryTests.this.events.add("forgotten " + peer.username());
			}
		});
	}

	@Test
	void joinedWhenTheListedKeyIsNotThePeerIdsIgnoresTheRecord() {
		Identity bob = Identity.generate();
		Identity mallory = Identity.generate();

		this.directory.joined(new TrackerPeer(bob.peerId(), "bob", NOWHERE, null, mallory.publicIdentity().encoded()));
		this.directory.joined(new TrackerPeer("not-a-hash", "eve", NOWHERE, null, "%%%"));
		this.directory.joined(new TrackerPeer(bob.peerId(), "bob", NOWHERE, null, bob.publicIdentity().encoded()));

		assertThat(this.events).containsExactly("joined bob");
		assertThat(this.directory.find(bob.peerId()))
			.hasValueSatisfying((peer) -> assertThat(peer.publicKey()).isEqualTo(bob.publicIdentity().encoded()));
	}

	@Test
	void snapshotWhenAppliedTwiceReportsOnlyChangesAndSkipsSelf() {
		this.directory.snapshot(List.of(peer("me", "alice"), peer("p1", "bob"), peer("p2", "carol")));

		this.directory.snapshot(List.of(peer("p1", "bobby"), peer("p3", "dave")));

		assertThat(this.events).containsExactly("joined bob", "joined carol", "renamed bob->bobby", "joined dave",
				"left carol");
		assertThat(this.directory.all()).extracting(KnownPeer::username).containsExactly("bobby", "carol", "dave");
		assertThat(this.directory.find("p2")).hasValueSatisfying((peer) -> assertThat(peer.live()).isFalse());
	}

	@Test
	void joinedWhenPeerRegistersAgainIsReportedAgain() {
		this.directory.joined(peer("p1", "bob"));

		this.directory.joined(peer("p1", "bob"));

		assertThat(this.events).containsExactly("joined bob", "joined bob");
	}

	@Test
	void findByUsernameWhenCaseDiffersFindsTheLivePeerFirst() {
		this.directory.joined(peer("old", "bob"));
		this.directory.left("old");
		this.directory.joined(peer("new", "Bob"));

		assertThat(this.directory.findByUsername("BOB"))
			.hasValueSatisfying((peer) -> assertThat(peer.peerId()).isEqualTo("new"));
		assertThat(this.directory.findByUsername("nobody")).isEmpty();
	}

	@Test
	void forgetDepartedWhenPastRetentionForgetsThePeer() {
		this.directory.joined(peer("p1", "bob"));
		this.directory.left("p1");

		this.clock.advance(Duration.ofSeconds(59));
		this.directory.forgetDeparted();
		this.clock.advance(Duration.ofSeconds(2));
		this.directory.forgetDeparted();

		assertThat(this.events).containsExactly("joined bob", "left bob", "forgotten bob");
		assertThat(this.directory.find("p1")).isEmpty();
	}

	@Test
	void refreshWhenTrackerUnreachableKeepsTheList() {
		this.directory.joined(peer("p1", "bob"));

		boolean refreshed = this.directory.refresh();

		assertThat(refreshed).isFalse();
		assertThat(this.directory.find("p1")).isPresent();
	}

	private static TrackerPeer peer(String id, String username) {
		return new TrackerPeer(id, username, URI.create("http://127.0.0.1:1/" + id), null, null);
	}

}
