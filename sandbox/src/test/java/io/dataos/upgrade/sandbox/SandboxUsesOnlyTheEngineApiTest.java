package io.dataos.upgrade.sandbox;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal is a front door made of ports: its main code uses the engine only through
 * {@code io.dataos.upgrade.api} (and the command line it extends, itself a front door), plus the
 * secret module's value and names. It has no action handler of its own: the production runbooks'
 * handlers do the work (issue 9). It may also use {@code io.dataos.upgrade.realcluster}: that is
 * not core but the controlplane module (JDK only, no engine type), which starts the real control
 * plane of {@code rehearse --cluster real} and of core's real-cluster test tier.
 */
class SandboxUsesOnlyTheEngineApiTest {

    /** What the sandbox may name of io.dataos.upgrade outside its own package. */
    private static final Pattern ALLOWED = Pattern.compile("io\\.dataos\\.upgrade\\.(sandbox|cli|api|realcluster)\\b.*"
            + "|io\\.dataos\\.upgrade\\.secret\\.Secret(Names)?\\b.*");

    private static final JavaClasses SANDBOX = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.dataos.upgrade.sandbox");

    @Test
    void sandboxClassesDependOnNoCorePackageButTheApi() {
        ArchRule rule = noClasses().that().resideInAPackage("io.dataos.upgrade.sandbox..")
                .should().dependOnClassesThat(resideInAPackage("io.dataos.upgrade..")
                        .and(not(resideInAnyPackage("io.dataos.upgrade.sandbox..", "io.dataos.upgrade.cli..",
                                "io.dataos.upgrade.api..",
                                // the controlplane module (not core): the real cluster of rehearse --cluster real
                                "io.dataos.upgrade.realcluster..")))
                        .and(not(belongToAnyOf(Secret.class, SecretNames.class))))
                .because("the rehearsal is a front door: it goes through io.dataos.upgrade.api (issue 9)")
                .allowEmptyShould(false);
        rule.check(SANDBOX);
    }

    @Test
    void sandboxHasNoActionHandlerOfItsOwn() {
        ArchRule rule = noClasses().that().resideInAPackage("io.dataos.upgrade.sandbox..")
                .should().beAssignableTo(ActionHandler.class)
                .because("the rehearsal runs the production handlers through the runbooks (issue 9)")
                .allowEmptyShould(false);
        rule.check(SANDBOX);
    }

    /** Constants are inlined and javadoc leaves no bytecode: the sources must not name core either. */
    @Test
    void sandboxSourcesNameNoCorePackageButTheApi() throws IOException {
        Pattern named = Pattern.compile("io\\.dataos\\.upgrade\\.[A-Za-z_][\\w.]*");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = named.matcher(lines.get(i));
                    while (m.find()) {
                        if (!ALLOWED.matcher(m.group()).matches()) {
                            violations.add(file.getFileName() + ":" + (i + 1) + ": " + m.group());
                        }
                    }
                }
            }
        }
        assertThat(violations).as("core packages named in sandbox/src/main").isEmpty();
    }

    private static Path sources() {
        Path main = Path.of("src", "main", "java");
        return Files.isDirectory(main) ? main : Path.of("sandbox").resolve(main);
    }
}
