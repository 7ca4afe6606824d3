package dev.p2pchat.peer.config;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPeerTests {

	private static final URI URL = URI.create("http://localhost:8081");

	@Test
	void derivedIdWhenSamePeerRestartsIsTheSame() {
		assertThat(LocalPeer.derivedId("alice", URL)).isEqualTo(LocalPeer.derivedId("Alice", URL))
			.matches("[A-Za-z0-9_-]{1,64}");
	}

	@Test
	void derivedIdWhenUrlOrNameDiffersDiffers() {
		assertThat(LocalPeer.derivedId("alice", URL)).isNotEqualTo(LocalPeer.derivedId("bob", URL))
			.isNotEqualTo(LocalPeer.derivedId("alice", URI.create("http://localhost:8082")));
	}

	@Test
	void renameWhenDoneKeepsTheId() {
		var peer = new LocalPeer("p1", "alice", URL);

		peer.rename("alicia");

		assertThat(peer.username()).isEqualTo("alicia");
		assertThat(peer.id()).isEqualTo("p1");
	}

}
