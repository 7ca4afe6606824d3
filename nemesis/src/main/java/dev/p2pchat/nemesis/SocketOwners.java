package dev.p2pchat.nemesis;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of our processes owns the client end of a loopback TCP connection, found in
 * {@code /proc} (Linux): the proxy learns who dialled it without any help from the
 * product. A socket whose owner is not found is unknown.
 */
public final class SocketOwners {

	/** The node name of each process id we started. */
	private final Map<Long, String> names = new ConcurrentHashMap<>();

	public void register(long pid, String name) {
		this.names.put(pid, name);
	}

	public void forget(long pid) {
		this.names.remove(pid);
	}

	/**
	 * @param clientPort the dialler's local port
	 * @param serverPort the port it dialled
	 * @return the node that holds that socket
	 */
	public Optional<String> ownerOf(int clientPort, int serverPort) {
		Optional<String> inode = inode(clientPort, serverPort);
		if (inode.isEmpty()) {
			return Optional.empty();
		}
		String link = "socket:[" + inode.get() + "]";
		for (var entry : this.names.entrySet()) {
			if (holds(entry.getKey(), link)) {
				return Optional.of(entry.getValue());
			}
		}
		return Optional.empty();
	}

	private static boolean holds(long pid, String link) {
		try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
			for (Path fd : fds) {
				try {
					if (Files.readSymbolicLink(fd).toString().equals(link)) {
						return true;
					}
				}
				catch (IOException ex) {
					// closed meanwhile
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		return false;
	}

	private static Optional<String> inode(int localPort, int remotePort) {
		String local = ":" + hex(localPort);
		String remote = ":" + hex(remotePort);
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] fields = line.strip().split("\\s+");
					if (fields.length > 9 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
						return Optional.of(fields[9]);
					}
				}
			}
			catch (IOException ex) {
				// no such table
			}
		}
		return Optional.empty();
	}

	private static String hex(int port) {
		return String.format(Locale.ROOT, "%04X", port);
	}

}
