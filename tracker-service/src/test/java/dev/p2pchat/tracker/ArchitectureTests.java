package dev.p2pchat.tracker;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the tracker: the registry knows nothing of the layers above it, so
 * another store or another transport can be put around it. Every package is named here
 * (with its job in {@code docs/tracker.md}): a class in a new package fails
 * {@link #everyPackageIsNamed} until the package is added, and packages are free of
 * cycles.
 */
@AnalyzeClasses(packages = "dev.p2pchat.tracker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule everyPackageIsNamed = classes().should()
		.resideInAnyPackage("dev.p2pchat.tracker", "dev.p2pchat.tracker.config", "dev.p2pchat.tracker.events",
				"dev.p2pchat.tracker.identity", "dev.p2pchat.tracker.limits", "dev.p2pchat.tracker.ops",
				"dev.p2pchat.tracker.ratelimit", "dev.p2pchat.tracker.registry", "dev.p2pchat.tracker.web");

	@ArchTest
	static final ArchRule registryDependsOnNoOtherPackageOfTheTracker = noClasses().that()
		.resideInAPackage("..tracker.registry..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..tracker.web..", "..tracker.events..", "..tracker.config..", "..tracker.ops..");

	@ArchTest
	static final ArchRule registryIsFreeOfWebAndJson = noClasses().that()
		.resideInAPackage("..tracker.registry..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.servlet..", "tools.jackson..");

	@ArchTest
	static final ArchRule eventsDoNotDependOnWeb = noClasses().that()
		.resideInAPackage("..tracker.events..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..tracker.web..");

	@ArchTest
	static final ArchRule nothingButConfigAndWebDependOnConfig = noClasses().that()
		.resideInAnyPackage("..tracker.registry..", "..tracker.events..", "..tracker.ops..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..tracker.config..");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.p2pchat.tracker.(*)..")
		.should()
		.beFreeOfCycles();

}
