package io.dataos.upgrade;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The engine must run outside Jenkins (the CLI, the tests): no class of io.dataos.upgrade may use a
 * Jenkins, Hudson, Stapler/Kohsuke or CloudBees type. The plugin module adapts Jenkins to the engine.
 */
class CoreIsFreeOfJenkinsTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.dataos.upgrade");

    @Test
    void noEngineClassDependsOnJenkins() {
        ArchRule rule = noClasses().that().resideInAPackage("io.dataos.upgrade..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..",
                        "org.kohsuke..", "com.cloudbees..")
                .because("core is the engine behind the CLI and the plugin and must run without Jenkins")
                .allowEmptyShould(false);
        rule.check(ENGINE);
    }
}
