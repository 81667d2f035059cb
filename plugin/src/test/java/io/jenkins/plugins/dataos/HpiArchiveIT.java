package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built {@code target/dataos-upgrade.hpi} the way Jenkins' plugin manager would: its manifest, its
 * {@code WEB-INF/lib} jars and the extension index inside the plugin's own jar.
 */
class HpiArchiveIT {

    static final List<String> STEPS = List.of("DataosPlanStep", "DataosUpgradeStep", "DataosVerifyStep",
            "DataosRollbackStep", "DataosReportStep");

    @TempDir
    static Path tmp;

    static Path hpi;
    static Path innerJar;

    @BeforeAll
    static void extractInnerJar() throws IOException {
        hpi = Path.of(System.getProperty("hpi.file", "target/dataos-upgrade.hpi"));
        assertThat(hpi).as("the .hpi built in the package phase").isRegularFile();
        innerJar = tmp.resolve("dataos-upgrade.jar");
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            ZipEntry entry = zip.getEntry("WEB-INF/lib/dataos-upgrade.jar");
            assertThat(entry).as("WEB-INF/lib/dataos-upgrade.jar").isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, innerJar);
            }
        }
    }

    @Test
    void manifestCarriesWhatJenkinsReadsToLoadThePlugin() throws IOException {
        Attributes main = outerManifest().getMainAttributes();
        assertThat(main.getValue("Manifest-Version")).isEqualTo("1.0");
        assertThat(main.getValue("Created-By")).isNotBlank();
        assertThat(main.getValue("Build-Jdk-Spec")).isNotBlank();
        assertThat(main.getValue("Short-Name")).isEqualTo("dataos-upgrade");
        assertThat(main.getValue("Long-Name")).isEqualTo("DataOS Upgrade");
        assertThat(main.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
        assertThat(main.getValue("Artifact-Id")).isEqualTo("dataos-upgrade");
        assertThat(main.getValue("Specification-Title")).isEqualTo("DataOS Upgrade");
        assertThat(main.getValue("Implementation-Title")).isEqualTo("DataOS Upgrade");
        assertThat(main.getValue("Implementation-Version")).isNotBlank();
        assertThat(main.getValue("Specification-Version")).isNotBlank();
        assertThat(main.getValue("Url")).startsWith("https://");
        assertThat(main.getValue("Jenkins-Version")).isEqualTo("2.479.3");
        assertThat(main.getValue("Hudson-Version")).isEqualTo("2.479.3");
        String version = main.getValue("Plugin-Version");
        String implementation = main.getValue("Implementation-Version");
        if (implementation.endsWith("-SNAPSHOT")) {
            assertThat(version).matches(java.util.regex.Pattern.quote(implementation) + " \\(private-[0-9a-z]{7,8}-.+\\)");
        } else {
            assertThat(version).isEqualTo(implementation);
        }
        assertThat(main.getValue("Plugin-Developers")).matches("[^:,]+:[^:,]+:[^:,]+@[^:,]+");
        assertThat(main.getValue("Plugin-License-Name")).isNotBlank();
        assertThat(main.getValue("Plugin-License-Url")).startsWith("https://");
        assertThat(main.getValue("Extension-Name")).as("not written by maven-hpi-plugin").isNull();
    }

    @Test
    void pluginDependenciesNameEveryPluginWhoseClassesThePluginUses() throws IOException {
        String deps = outerManifest().getMainAttributes().getValue("Plugin-Dependencies");
        List<String> names = new ArrayList<>();
        for (String dep : deps.split(",")) {
            // shortName:version, as PluginWrapper.Dependency parses it; real versions look like 678.v3ee58b_469476
            assertThat(dep).matches("[a-z0-9-]+:[0-9][0-9A-Za-z._-]*");
            names.add(dep.substring(0, dep.indexOf(':')));
        }
        assertThat(names).containsExactlyInAnyOrder("workflow-step-api", "workflow-api", "credentials",
                "plain-credentials");
    }

    @Test
    void innerJarCarriesTheSameManifest() throws IOException {
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            assertThat(jar.getManifest().getMainAttributes()).isEqualTo(outerManifest().getMainAttributes());
        }
    }

    @Test
    void innerJarHoldsClassesViewsHelpAndTheExtensionIndex() throws IOException {
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            assertThat(jar.getEntry("index.jelly")).isNotNull();
            assertThat(jar.getEntry("META-INF/annotations/hudson.Extension")).isNotNull();
            assertThat(jar.getEntry("META-INF/annotations/org.jenkinsci.Symbol")).isNotNull();
            assertThat(jar.getEntry("io/jenkins/plugins/dataos/Messages.properties")).isNotNull();
            for (String step : STEPS) {
                String dir = "io/jenkins/plugins/dataos/" + step + "/";
                assertThat(jar.getEntry("io/jenkins/plugins/dataos/" + step + ".class")).as(step).isNotNull();
                assertThat(jar.getEntry(dir + "config.jelly")).as(dir + "config.jelly").isNotNull();
                assertThat(jar.getEntry(dir + "help.html")).as(dir + "help.html").isNotNull();
            }
        }
    }

    @Test
    void webInfLibHoldsThePluginsOwnJarAloneWithTheMaskerAndNoJenkinsOrEngineClasses() throws IOException {
        List<String> libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                    libs.add(e.getName().substring("WEB-INF/lib/".length()));
                } else if (!e.isDirectory()) {
                    assertThat(e.getName()).isEqualTo("META-INF/MANIFEST.MF");
                }
            }
        }
        assertThat(libs).containsExactly("dataos-upgrade.jar");
        List<String> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                if (e.getName().endsWith(".class")) {
                    classes.add(e.getName());
                }
            }
        }
        // the plugin's classes and the engine's masker: nothing of the engine runs in the controller
        assertThat(classes).allMatch(c -> c.startsWith("io/jenkins/plugins/dataos/")
                || c.startsWith("io/dataos/upgrade/secret/Secret"), "a plugin class or the masker")
                .contains("io/dataos/upgrade/secret/Secret.class");
    }

    @Test
    void theEngineIsAResourceOfThePluginsJarThatRunsAsAJavaProgram() throws Exception {
        Path engine = tmp.resolve("engine.jar");
        try (JarFile jar = new JarFile(innerJar.toFile())) {
            JarEntry entry = jar.getJarEntry("io/jenkins/plugins/dataos/" + EngineJar.RESOURCE);
            assertThat(entry).as("the engine jar inside the plugin's jar").isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, engine);
            }
        }
        assertThat(Files.size(engine)).as("engine jar size").isLessThanOrEqualTo(25L * 1024 * 1024);
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                engine.toString(), "--help").redirectErrorStream(true).start();
        String out = new String(help.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(help.waitFor()).as(out).isZero();
        assertThat(out).contains("dataos-upgrade").contains("upgrade").contains("rollback");
        try (JarFile jar = new JarFile(engine.toFile())) {
            assertThat(jar.getJarEntry(EngineExecution.WRAPPER.replace('.', '/') + ".class")).as("the agent wrapper")
                    .isNotNull();
        }
    }

    @Test
    void extensionIndexListsEveryStepDescriptor() throws IOException {
        // Only the inner jar's index is visible: the test class path's copy is hidden by the parent loader.
        ClassLoader parent = new ClassLoader(Extension.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.startsWith("META-INF/annotations/") ? Collections.emptyEnumeration() : super.getResources(name);
            }
        };
        List<String> found = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {innerJar.toUri().toURL()}, parent)) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                found.add(item.className());
                assertThat(item.annotation().ordinal()).isZero();
            }
        }
        List<String> expected = new ArrayList<>(STEPS);
        expected.addAll(List.of("Approval", "SecretCredential"));
        assertThat(found).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(s -> "io.jenkins.plugins.dataos." + s + "$DescriptorImpl").toList());
    }

    @Test
    void symbolIndexListsEveryClassThatHasASymbolAsAnnotationIndexerWritesIt() throws Exception {
        List<String> annotated = new ArrayList<>();
        List<String> indexed;
        try (JarFile jar = new JarFile(innerJar.toFile());
                URLClassLoader loader = new URLClassLoader(new URL[] {innerJar.toUri().toURL()},
                        HpiArchiveIT.class.getClassLoader())) {
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.startsWith("io/jenkins/plugins/dataos/") && name.endsWith(".class")) {
                    Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    if (c.isAnnotationPresent(org.jenkinsci.Symbol.class)) {
                        annotated.add(c.getName());
                    }
                }
            }
            try (InputStream in = jar.getInputStream(jar.getEntry("META-INF/annotations/org.jenkinsci.Symbol"))) {
                indexed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            }
        }
        // org.jvnet.hudson.annotation_indexer.Index.list reads one binary class name a line
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(annotated).isNotEmpty();
    }

    private static Manifest outerManifest() throws IOException {
        try (ZipFile zip = new ZipFile(hpi.toFile()); InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    private static void assertNoProvidedClasses(ZipFile hpiZip, ZipEntry jarEntry) throws IOException {
        try (ZipInputStream jar = new ZipInputStream(hpiZip.getInputStream(jarEntry))) {
            for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
                assertThat(e.getName()).as(jarEntry.getName())
                        .doesNotStartWith("hudson/").doesNotStartWith("jenkins/")
                        .doesNotStartWith("org/jenkinsci/").doesNotStartWith("com/cloudbees/")
                        .doesNotStartWith("org/kohsuke/").doesNotStartWith("net/java/sezpoz/")
                        .doesNotStartWith("com/google/common/").doesNotStartWith("org/springframework/")
                        .doesNotStartWith("jakarta/servlet/");
            }
        }
    }
}
