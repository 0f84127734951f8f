package dev.statebacked;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Which packages of the production code may depend on which: the domain knows nothing of the HTTP API. */
@AnalyzeClasses(packages = "dev.statebacked", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] DOMAIN = {
        "dev.statebacked.auth..",
        "dev.statebacked.engine..",
        "dev.statebacked.instances..",
        "dev.statebacked.messaging..",
        "dev.statebacked.timers..",
        "dev.statebacked.versions..",
        "dev.statebacked.store..",
        "dev.statebacked.indexes..",
        "dev.statebacked.realtime..",
        "dev.statebacked.config.."
    };

    @ArchTest
    static final ArchRule domainPackagesDoNotDependOnTheApi = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.statebacked.api..")
            .because("the API adapts requests to the domain, never the other way round");

    @ArchTest
    static final ArchRule theEngineDependsOnNoOtherDomain = noClasses()
            .that()
            .resideInAPackage("dev.statebacked.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.statebacked.instances..",
                    "dev.statebacked.messaging..",
                    "dev.statebacked.timers..",
                    "dev.statebacked.versions..",
                    "dev.statebacked.auth..",
                    "dev.statebacked.api..")
            .because("the engine runs machines and knows nothing of instances, messages, timers, versions or auth");
}
