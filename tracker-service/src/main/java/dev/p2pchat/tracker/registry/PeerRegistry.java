package dev.p2pchat.tracker.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * Who is online. The one seam between the web layer and storage: the in-memory
 * implementation is the default, and a shared store for several tracker replicas
 * implements this same interface.
 *
 * <p>
 * Every method is thread-safe. Mutations are atomic: in particular, of concurrent
 * registrations or renames to one username (in any case) exactly one succeeds. A peer
 * whose lease has run out counts as absent for every method, even before
 * {@link #expireDue()} has removed it.
 */
public interface PeerRegistry {

	/**
	 * Registers a peer, or replaces the live record with the same peerId and the same
	 * publicKey (the holder of the key: the same peer, restarted, perhaps at another url)
	 * with a fresh one and a new token; the old token stops working.
	 *
	 * <p>
	 * The caller has verified that the peerId is the key's and that the registration was
	 * signed by it; the registry still refuses a live record's peerId with another key,
	 * so that a record is never replaced by someone else whatever the caller did.
	 * @param peerId a valid peerId
	 * @param username a valid username
	 * @param url an absolute http(s) url
	 * @param publicKey the peer's identity key (base64url of the raw Ed25519 key)
	 * @return the record and its lease token
	 * @throws NameTakenException when another live peer holds the username in any case
	 * @throws PeerIdTakenException when a live peer with that peerId has another key
	 * @throws DirectoryFullException when the peerId is not live and the registry already
	 * holds its maximum of live peers
	 */
	default Registration register(String peerId, String username, String url, String publicKey) {
		return register(peerId, username, url, publicKey, true);
	}

	/**
	 * Registers a peer as {@link #register(String, String, String, String)} does, saying
	 * whether others can dial it.
	 * @param peerId a valid peerId
	 * @param username a valid username
	 * @param url an absolute http(s) url
	 * @param publicKey the peer's identity key (base64url of the raw Ed25519 key)
	 * @param reachable whether other peers can dial {@code url}
	 * @return the record and its lease token
	 */
	Registration register(String peerId, String username, String url, String publicKey, boolean reachable);

	/**
	 * Whether a token is the lease token of some live peer (a reader's credential in a
	 * closed group).
	 * @param leaseToken a token as presented
	 * @return {@code true} when a live peer holds it
	 */
	boolean holdsLiveLease(String leaseToken);

	/**
	 * One live peer.
	 * @param peerId the peerId
	 * @return the peer, or empty when unknown or expired
	 */
	Optional<Peer> find(String peerId);

	/**
	 * Every live peer at the current version. Cheap to call repeatedly: the list is
	 * computed once per version.
	 * @return the list, sorted by username without regard to case
	 */
	PeerList list();

	/**
	 * Extends a peer's lease by {@link #lease()} from now.
	 * @param peerId the peerId
	 * @param leaseToken the token returned by {@link #register}
	 * @return the renewed record
	 * @throws PeerNotFoundException when the peer is unknown or its lease has run out
	 * @throws InvalidTokenException when the token is not the peer's
	 */
	Peer renew(String peerId, String leaseToken);

	/**
	 * Changes a peer's username.
	 * @param peerId the peerId
	 * @param leaseToken the peer's token
	 * @param username the new, valid username
	 * @return the renamed record
	 * @throws PeerNotFoundException when the peer is unknown or expired
	 * @throws InvalidTokenException when the token is not the peer's
	 * @throws NameTakenException when another live peer holds the username
	 */
	Peer rename(String peerId, String leaseToken, String username);

	/**
	 * Removes a peer at once.
	 * @param peerId the peerId
	 * @param leaseToken the peer's token
	 * @return the record as it was
	 * @throws PeerNotFoundException when the peer is unknown or expired
	 * @throws InvalidTokenException when the token is not the peer's
	 */
	Peer remove(String peerId, String leaseToken);

	/**
	 * Removes every peer whose lease has run out, publishing a {@link PeerEvent.Left}
	 * with reason {@code EXPIRED} for each.
	 * @return how many peers were removed
	 */
	int expireDue();

	/**
	 * Adds a listener that receives every event published after this call.
	 * @param listener the listener; see {@link PeerEventListener} for its contract
	 */
	void addListener(PeerEventListener listener);

	/**
	 * Adds an action to run when the registry may have missed events it could not deliver
	 * (a shared store's subscription was interrupted): listeners that keep state derived
	 * from events should rebuild it from {@link #list()}. The in-memory registry never
	 * misses an event and never runs it.
	 * @param action the action; called on the registry's own thread, must not block
	 */
	default void onResync(Runnable action) {
		// nothing is ever missed
	}

	/**
	 * How long a record lives without a renewal.
	 * @return the lease duration
	 */
	Duration lease();

}
