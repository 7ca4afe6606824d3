package dev.p2pchat.peer;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package rules of the peer. Every package is named here (with its job in
 * {@code docs/peer.md}): a new package fails
 * {@link #packagesWhenListedAreExactlyTheNamedOnes} until it is added to both, and no two
 * packages may depend on each other in a cycle.
 */
class ArchitectureTests {

	/** Every package of the peer, below {@code dev.p2pchat.peer} ("" is the root). */
	static final Set<String> PACKAGES = Set.of("", "access", "config", "console", "identity", "limits", "mesh",
			"messaging", "sse", "store", "tracker", "web");

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.p2pchat.peer");

	@Test
	void meshWhenCheckedDependsNeitherOnWebNorOnMessaging() {
		noClasses().that()
			.resideInAPackage("..peer.mesh..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..peer.web..", "..peer.messaging..", "..peer.console..")
			.check(this.classes);
	}

	@Test
	void trackerAndConfigWhenCheckedDependOnNoFeatureAboveThem() {
		noClasses().that()
			.resideInAnyPackage("..peer.tracker..", "..peer.config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..peer.mesh..", "..peer.messaging..", "..peer.web..", "..peer.console..")
			.check(this.classes);
	}

	@Test
	void messagingWhenCheckedDoesNotDependOnWeb() {
		noClasses().that()
			.resideInAPackage("..peer.messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..peer.web..", "..peer.console..")
			.check(this.classes);
	}

	@Test
	void packagesWhenListedAreExactlyTheNamedOnes() {
		Set<String> found = new TreeSet<>();
		for (JavaClass type : this.classes) {
			found.add(type.getPackageName().replaceFirst("^dev\\.p2pchat\\.peer\\.?", ""));
		}

		assertThat(found).containsExactlyInAnyOrderElementsOf(PACKAGES);
	}

	@Test
	void packagesWhenCheckedAreFreeOfCycles() {
		slices().matching("dev.p2pchat.peer.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
