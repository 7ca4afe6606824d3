package dev.p2pchat.peer.mesh;

import java.net.URI;

/**
 * The other side of an authenticated link, as its handshake proved it: the peerId is
 * derived from the proved key, the rest is what that key signed.
 *
 * @param peerId the peer's id
 * @param username its username when it linked
 * @param url its advertised URL
 * @param epoch names its outgoing stream; a new epoch (the peer restarted) resets the
 * receiver's sequence tracking
 */
record RemotePeer(String peerId, String username, URI url, String epoch) {

}
