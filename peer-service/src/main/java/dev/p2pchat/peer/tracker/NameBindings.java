package dev.p2pchat.peer.tracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import lombok.extern.slf4j.Slf4j;

import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.peer.config.LocalPeer;
import dev.p2pchat.peer.config.Username;

/**
 * Which key each username belonged to, trusted on first use (as SSH's
 * {@code known_hosts}): the first peerId the directory shows for a name is remembered, in
 * the data directory's {@code known-names} file, and a later listing of that name under
 * another key is a {@link KeyChange} until the owner {@link #accept accepts} it. A
 * private message by name to a changed name is refused ({@link #requireTrusted}).
 *
 * <p>
 * The file is an append-only log of {@code <name key> <peerId>} lines (the last line of a
 * name wins), owner-only like the rest of the directory, compacted when it holds twice as
 * many lines as names. Accepted keys are synced to the disk before {@link #accept}
 * returns; first sightings are written at once but not synced (a crash may forget the
 * last few, which are learned again). At most {@link #MAX_NAMES} names are kept; the one
 * seen longest ago is forgotten first.
 *
 * <p>
 * Thread-safe: one lock, held for the file appends (short writes to a local file).
 * Listeners are called after the lock is released, on the thread that saw the change.
 */
@Slf4j
public final class NameBindings implements DirectoryListener {

	/** Names remembered at most (~80 bytes each on disk and in memory). */
	static final int MAX_NAMES = 10_000;

	static final String FILE = "known-names";

	private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final DataDirectory dataDirectory;

	private final LocalPeer self;

	private final PeerDirectory directory;

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Name key to trusted peerId, least recently seen first; guarded by {@link #lock}.
	 */
	private final LinkedHashMap<String, String> trusted = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * "name key + new peerId" of the changes already reported; guarded by {@link #lock}.
	 */
	private final Set<String> reported = new HashSet<>();

	private final List<Consumer<KeyChange>> listeners = new CopyOnWriteArrayList<>();

	private int lines;

	NameBindings(DataDirectory dataDirectory, LocalPeer self, PeerDirectory directory) {
		this.dataDirectory = dataDirectory;
		this.self = self;
		this.directory = directory;
		load();
	}

	/** Adds a listener told of each new key change, once per name and new key. */
	public void addListener(Consumer<KeyChange> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Refuses a peer whose name this peer trusts for another key.
	 * @param peer the peer a message by name would go to
	 * @throws KeyChangedException when its name was seen with another key and the change
	 * is not accepted
	 */
	public void requireTrusted(KnownPeer peer) {
		Optional<KeyChange> change = changeOf(peer);
		if (change.isPresent()) {
			throw new KeyChangedException(change.get());
		}
	}

	/** The names whose listed key is not the trusted one, by username. */
	public List<KeyChange> changes() {
		List<KeyChange> changes = new ArrayList<>();
		for (KnownPeer peer : this.directory.all()) {
			if (peer.live()) {
				changeOf(peer).ifPresent(changes::add);
			}
		}
		return changes;
	}

	/**
	 * Trusts the key the directory lists for a name now: the owner's decision, synced to
	 * the disk before this returns.
	 * @param username the name
	 * @param peerId the peerId the owner accepts for it
	 * @return the peer now trusted under that name
	 * @throws KeyNotCurrentException when the directory lists nobody, or another key,
	 * under that name
	 */
	public KnownPeer accept(String username, String peerId) {
		KnownPeer current = this.directory.findByUsername(username)
			.filter((peer) -> peer.peerId().equals(peerId))
			.orElseThrow(() -> new KeyNotCurrentException(username, peerId));
		String key = Username.key(current.username());
		this.lock.lock();
		try {
			String before = this.trusted.put(key, peerId);
			if (!peerId.equals(before)) {
				append(key, peerId, true);
				log.info("the owner accepted {} as {} (was {})", peerId, current.username(), before);
			}
			this.reported.remove(key + ' ' + peerId);
		}
		finally {
			this.lock.unlock();
		}
		return current;
	}

	@Override
	public void joined(KnownPeer peer) {
		observe(peer);
	}

	@Override
	public void renamed(KnownPeer peer, String previousUsername) {
		observe(peer);
	}

	/** Remembers a first sighting, or reports a change once. */
	void observe(KnownPeer peer) {
		if (peer.peerId().equals(this.self.id()) || !Username.isValid(peer.username())) {
			return;
		}
		String key = Username.key(peer.username());
		KeyChange change = null;
		this.lock.lock();
		try {
			String known = this.trusted.get(key);
			if (known == null) {
				this.trusted.put(key, peer.peerId());
				append(key, peer.peerId(), false);
			}
			else if (known.equals(peer.peerId())) {
				this.reported.removeIf((entry) -> entry.startsWith(key + ' '));
			}
			else if (this.reported.add(key + ' ' + peer.peerId())) {
				change = new KeyChange(peer.username(), known, peer.peerId());
				if (this.reported.size() > MAX_NAMES) {
					this.reported.clear();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (change != null) {
			log.warn("{}'s key changed: trusted {}, the tracker now lists {}; private messages to {} are held back",
					change.username(), change.oldPeerId(), change.newPeerId(), change.username());
			KeyChange reportedChange = change;
			this.listeners.forEach((listener) -> listener.accept(reportedChange));
		}
	}

	/** The trusted peerId of a name (for tests). */
	Optional<String> trustedPeerId(String username) {
		this.lock.lock();
		try {
			return Optional.ofNullable(this.trusted.get(Username.key(username)));
		}
		finally {
			this.lock.unlock();
		}
	}

	private Optional<KeyChange> changeOf(KnownPeer peer) {
		this.lock.lock();
		try {
			String known = this.trusted.get(Username.key(peer.username()));
			return (known == null || known.equals(peer.peerId())) ? Optional.empty()
					: Optional.of(new KeyChange(peer.username(), known, peer.peerId()));
		}
		finally {
			this.lock.unlock();
		}
	}

	private void load() {
		Optional<byte[]> content = this.dataDirectory.read(FILE);
		if (content.isEmpty()) {
			return;
		}
		for (String line : new String(content.get(), StandardCharsets.UTF_8).split("\n")) {
			String[] parts = line.split(" ");
			if (parts.length == 2 && Username.isValid(parts[0]) && PEER_ID.matcher(parts[1]).matches()) {
				this.trusted.put(Username.key(parts[0]), parts[1]);
				this.lines++;
			}
		}
		trim();
		log.debug("{} known name(s) read from {}", this.trusted.size(), FILE);
	}

	/** Appends a binding (the lock is held), compacting the file when it grew. */
	private void append(String key, String peerId, boolean sync) {
		trim();
		if (this.lines >= 2 * this.trusted.size() + 100) {
			compact();
			return;
		}
		Path file = this.dataDirectory.resolve(FILE);
		try {
			if (!Files.exists(file)) {
				this.dataDirectory.writeOwnerOnly(FILE, new byte[0]);
			}
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
				channel.write(ByteBuffer.wrap((key + ' ' + peerId + '\n').getBytes(StandardCharsets.UTF_8)));
				if (sync) {
					channel.force(false);
				}
			}
			this.lines++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file, ex);
		}
	}

	/** Rewrites the file with one line per name, atomically and synced. */
	private void compact() {
		StringBuilder text = new StringBuilder(this.trusted.size() * 64);
		for (Map.Entry<String, String> entry : this.trusted.entrySet()) {
			text.append(entry.getKey()).append(' ').append(entry.getValue()).append('\n');
		}
		this.dataDirectory.writeOwnerOnly(FILE, text.toString().getBytes(StandardCharsets.UTF_8));
		this.lines = this.trusted.size();
	}

	private void trim() {
		while (this.trusted.size() > MAX_NAMES) {
			String eldest = this.trusted.keySet().iterator().next();
			this.trusted.remove(eldest);
		}
	}

}
