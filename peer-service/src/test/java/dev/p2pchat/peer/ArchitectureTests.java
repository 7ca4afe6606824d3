package dev.p2pchat.peer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

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

}
