package dev.p2pchat.peer.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.PeerProperties;

/**
 * Loads (or makes) this peer's identity from its data directory; this peer's peerId is
 * the identity's.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfig {

	@Bean
	Identity identity(DataDirectory dataDirectory) {
		return IdentityFile.load(dataDirectory);
	}

	@Bean
	LocalPeer localPeer(PeerProperties properties, Identity identity) {
		return new LocalPeer(identity.peerId(), properties.username(), properties.advertisedUrl());
	}

}
