package dev.p2pchat.peer.tracker;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.p2pchat.peer.TestClock;
import dev.p2pchat.peer.config.DataDirectory;
import dev.p2pchat.peer.config.LocalPeer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameBindingsTests {

	private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

	@TempDir
	Path dir;

	private final TestClock clock = new TestClock(Instant.parse("2026-11-25T12:00:00Z"));

	private final LocalPeer self = new LocalPeer("me", "alice", NOWHERE);

	private final PeerDirectory directory = new PeerDirectory(this.self,
			new TrackerClient(NOWHERE, Duration.ofMillis(200)), this.clock, Duration.ofSeconds(60));

	private final List<KeyChange> reported = new ArrayList<>();

	@Test
	void requireTrustedWhenNameListedUnderAnotherKeyThrowsNamingBothKeys() {
		NameBindings names = open();
		this.directory.joined(peer("bob-key", "bob"));
		this.directory.left("bob-key");

		this.directory.joined(peer("squatter", "BOB"));

		KnownPeer now = this.directory.findByUsername("bob").orElseThrow();
		assertThatThrownBy(() -> names.requireTrusted(now)).isInstanceOfSatisfying(KeyChangedException.class,
				(ex) -> assertThat(ex.change()).isEqualTo(new KeyChange("BOB", "bob-key", "squatter")));
		assertThat(this.reported).containsExactly(new KeyChange("BOB", "bob-key", "squatter"));
		assertThat(names.changes()).containsExactly(new KeyChange("BOB", "bob-key", "squatter"));
	}

	@Test
	void observeWhenTheSameChangeIsSeenAgainReportsItOnce() {
		open();
		this.directory.joined(peer("bob-key", "bob"));
		this.directory.left("bob-key");
		this.directory.joined(peer("squatter", "bob"));

		this.directory.joined(peer("squatter", "bob"));
		this.directory.joined(peer("squatter", "bob"));

		assertThat(this.reported).hasSize(1);
	}

	@Test
	void acceptWhenOwnerTrustsTheNewKeyLetsItThroughAndSurvivesARestart() {
		NameBindings names = open();
		this.directory.joined(peer("bob-key", "bob"));
		this.directory.left("bob-key");
		this.directory.joined(peer("squatter", "bob"));

		names.accept("Bob", "squatter");

		KnownPeer now = this.directory.findByUsername("bob").orElseThrow();
		assertThatCode(() -> names.requireTrusted(now)).doesNotThrowAnyException();
		assertThat(names.changes()).isEmpty();
		assertThat(open().trustedPeerId("bob")).contains("squatter");
	}

	@Test
	void acceptWhenTheKeyIsNotTheListedOneRefusesAndTrustsNothingNew() {
		NameBindings names = open();
		this.directory.joined(peer("bob-key", "bob"));
		this.directory.left("bob-key");
		this.directory.joined(peer("squatter", "bob"));

		assertThatThrownBy(() -> names.accept("bob", "someone-else")).isInstanceOf(KeyNotCurrentException.class);
		assertThatThrownBy(() -> names.accept("nobody", "squatter")).isInstanceOf(KeyNotCurrentException.class);
		assertThat(names.trustedPeerId("bob")).contains("bob-key");
	}

	@Test
	void observeWhenTheTrustedKeyComesBackClearsTheChange() {
		NameBindings names = open();
		this.directory.joined(peer("bob-key", "bob"));
		this.directory.left("bob-key");
		this.directory.joined(peer("squatter", "bob"));
		this.directory.left("squatter");

		this.directory.joined(peer("bob-key", "bob"));

		assertThatCode(() -> names.requireTrusted(this.directory.findByUsername("bob").orElseThrow()))
			.doesNotThrowAnyException();
		assertThat(names.changes()).isEmpty();
	}

	@Test
	void openWhenFileWasWrittenRemembersFirstSightingsOwnerOnly() throws IOException {
		open();
		this.directory.joined(peer("bob-key", "bob"));
		this.directory.renamed(peer("bob-key", "robert"));

		NameBindings again = open();

		assertThat(again.trustedPeerId("BOB")).contains("bob-key");
		assertThat(again.trustedPeerId("robert")).contains("bob-key");
		assertThat(Files.getPosixFilePermissions(this.dir.resolve(NameBindings.FILE)))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
	}

	@Test
	void openWhenFileHasDamagedLinesSkipsThem() throws IOException {
		Files.writeString(this.dir.resolve(NameBindings.FILE), "bob bob-key\ngarbage\nbad name!! x\ncarol c-key\n");

		NameBindings names = open();

		assertThat(names.trustedPeerId("bob")).contains("bob-key");
		assertThat(names.trustedPeerId("carol")).contains("c-key");
	}

	@Test
	void observeWhenManyNamesKeepsTheBoundAndCompactsTheFile() throws IOException {
		NameBindings names = open();

		for (int i = 0; i < NameBindings.MAX_NAMES + 500; i++) {
			names.observe(new KnownPeer("id" + i, "n" + i, NOWHERE, null, null));
		}

		assertThat(names.trustedPeerId("n0")).isEmpty();
		assertThat(names.trustedPeerId("n" + (NameBindings.MAX_NAMES + 499))).isPresent();
		assertThat(Files.readAllLines(this.dir.resolve(NameBindings.FILE)))
			.hasSizeLessThanOrEqualTo(2 * NameBindings.MAX_NAMES + 100);
	}

	@Test
	void observeWhenItIsThisPeerRemembersNothing() {
		NameBindings names = open();

		this.directory.joined(peer("me", "alice"));

		assertThat(names.trustedPeerId("alice")).isEmpty();
	}

	private NameBindings open() {
		var names = new NameBindings(DataDirectory.open(this.dir), this.self, this.directory);
		this.directory.addListener(names);
		names.addListener(this.reported::add);
		return names;
	}

	private static TrackerPeer peer(String id, String username) {
		return new TrackerPeer(id, username, URI.create("http://127.0.0.1:1/" + id), null, null);
	}

}
