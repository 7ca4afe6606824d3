package dev.p2pchat.peer.identity;

import java.security.GeneralSecurityException;

import lombok.extern.slf4j.Slf4j;

import dev.p2pchat.link.identity.Identity;
import dev.p2pchat.peer.config.DataDirectory;

/**
 * Where this peer keeps its identity: made at its first start and kept in the data
 * directory ({@value #FILE}, PKCS#8, readable by the owner only), loaded from there on
 * every later start, so that the same directory is the same peer.
 */
@Slf4j
public final class IdentityFile {

	/** The key's file in the data directory. */
	public static final String FILE = "identity.key";

	private IdentityFile() {
	}

	/**
	 * Loads the identity kept in the directory, or makes and keeps a new one.
	 * @throws IllegalStateException when the file exists but holds no Ed25519 key
	 */
	public static Identity load(DataDirectory directory) {
		var stored = directory.read(FILE);
		if (stored.isPresent()) {
			try {
				return Identity.fromPkcs8(stored.get());
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(
						directory.resolve(FILE) + " holds no Ed25519 private key (" + ex.getClass().getSimpleName()
								+ "); restore it from a backup or remove it to start as a new peer",
						ex);
			}
		}
		var identity = Identity.generate();
		directory.writeOwnerOnly(FILE, identity.pkcs8());
		log.info("made a new identity key in {} (peerId {})", directory.resolve(FILE), identity.peerId());
		return identity;
	}

}
