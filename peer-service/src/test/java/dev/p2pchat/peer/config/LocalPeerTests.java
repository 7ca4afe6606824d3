package dev.p2pchat.peer.config;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPeerTests {

	private static final URI URL = URI.create("http://localhost:8081");

	@Test
	void renameWhenDoneKeepsTheId() {
		var peer = new LocalPeer("p1", "alice", URL);

		peer.rename("alicia");

		assertThat(peer.username()).isEqualTo("alicia");
		assertThat(peer.id()).isEqualTo("p1");
	}

}
