package dev.p2pchat.peer.store;

/**
 * When the journal asks the operating system to put written records on the disk
 * ({@code fsync}). Every policy writes a record to the operating system before the call
 * that needed it durable returns (a {@code 202}, an acknowledgement to another peer):
 * what was written survives the process being killed ({@code kill -9}) under every
 * policy. They differ in what survives a power cut or a kernel crash.
 */
public enum SyncPolicy {

	/** {@code fsync} before returning: nothing acknowledged is lost to a power cut. */
	ALWAYS,

	/**
	 * {@code fsync} in the background every sync interval: a power cut loses at most the
	 * last interval.
	 */
	BATCH,

	/** Never {@code fsync} (but on a clean shutdown): the operating system decides. */
	NONE

}
