package dev.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The house rules of ARCHITECTURE.md, enforced: no cycles between capabilities; platform knows none of them. */
class ModularityTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gatehouse");

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.gatehouse.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(MAIN);
    }

    @Test
    void platformDependsOnNoCapability() {
        noClasses().that().resideInAPackage("dev.gatehouse.platform..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a capability package", c -> c.getPackageName().startsWith("dev.gatehouse.")
                                && !c.getPackageName().startsWith("dev.gatehouse.platform")))
                .check(MAIN);
    }
}
