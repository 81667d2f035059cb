package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;

/**
 * docs/steps.md is generated from the step classes, their descriptors and help files, so it cannot drift:
 * this test fails when the committed file differs. Regenerate with
 * {@code mvn -pl plugin -am test -Dtest=StepReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dsteps.doc.write=true}.
 */
class StepReferenceTest {

    static final Path DOC = Path.of("..", "docs", "steps.md");

    @Test
    void stepReferenceMatchesTheStepClasses() throws Exception {
        String expected = render();
        if (Boolean.getBoolean("steps.doc.write")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, expected);
        }
        assertThat(DOC).as("docs/steps.md (regenerate with -Dsteps.doc.write=true)").exists();
        assertThat(Files.readString(DOC)).as("docs/steps.md is out of date: regenerate with -Dsteps.doc.write=true")
                .isEqualTo(expected);
    }

    static String render() throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("# DataOS Upgrade: Pipeline step reference\n\n");
        md.append("Generated from the step classes, their descriptors and help files by `StepReferenceTest`; "
                + "do not edit by hand.\n\n");
        md.append("Every step needs a workspace (call it inside `node { }`). Paths are relative to the workspace; "
                + "absolute paths and `..` that leave it are refused. Each step returns a plain map (strings, numbers, "
                + "booleans, lists, maps) that a script can keep. Long work runs off the Pipeline thread: a controller "
                + "restart while a step runs fails that step, and the run's journal lets a re-run resume.\n\n");
        md.append("**Status of this build:** every step is wired to the engine. `dataosPlan` runs the upgrade and "
                + "rollback planners (`UpgradePlanner`, `RollbackPlanner`) and writes `PlanJson`/`PlanMarkdown`; "
                + "`dataosUpgrade` and `dataosRollback` run the runbook facades (`UpgradeRunbook`, `RollbackRunbook`) "
                + "with the Jenkins ports: commands through the build's `Launcher` (`LauncherCommandRunner`), files "
                + "through the workspace `FilePath` (`FilePathWorkspace`), secrets from \"Secret text\" credentials "
                + "(`findCredentialById` + `track`, masked in every line printed) and the gates the Jenkinsfile "
                + "approved (`PreApprovedGates`); `dataosVerify` runs the checks file (`Verification`) and writes JUnit "
                + "XML, Markdown and JSON; `dataosReport` builds the run or RCA report from a journal "
                + "(`JournalRunRecords`, `RunReports`). The runbook settings file (`dataos-upgrade.yaml`) supplies "
                + "what the manifests do not say (helm/kubectl programs, the database, the checks file, the site's "
                + "command templates).\n\n");
        for (Class<? extends Step> step : StepBindingTest.STEPS) {
            StepDescriptor d = StepBindingTest.descriptor(step);
            Step defaults = StepBindingTest.newInstance(step);
            md.append("## `").append(d.getFunctionName()).append("`\n\n");
            md.append("*").append(d.getDisplayName()).append("*  \n");
            md.append("Class `").append(step.getName()).append("`. Needs: ");
            md.append(d.getRequiredContext().stream().map(Class::getSimpleName).sorted()
                    .map(n -> "`" + n + "`").reduce((a, b) -> a + ", " + b).orElse("nothing")).append(".\n\n");
            md.append(text(help(step, "help.html"))).append("\n\n");
            md.append("| argument | type | required | default | description |\n");
            md.append("|---|---|---|---|---|\n");
            int required = StepBindingTest.dataBoundConstructor(step).getParameterCount();
            int i = 0;
            for (Map.Entry<String, Class<?>> p : StepBindingTest.properties(step).entrySet()) {
                boolean isRequired = i++ < required;
                Method getter = StepBindingTest.getter(step, p.getKey());
                Object def = isRequired ? null : getter.invoke(defaults);
                md.append("| `").append(p.getKey()).append("` | ").append(type(p.getValue())).append(" | ")
                        .append(isRequired ? "yes" : "no").append(" | ")
                        .append(def == null || (def instanceof List<?> l && l.isEmpty()) ? "" : "`" + def + "`")
                        .append(" | ").append(text(help(step, "help-" + p.getKey() + ".html")).replace("\n", " "))
                        .append(" |\n");
            }
            md.append("\n");
        }
        return md.toString();
    }

    static String type(Class<?> c) {
        return c == List.class ? "list of strings" : c.getSimpleName();
    }

    static String help(Class<?> step, String file) throws IOException {
        try (InputStream in = step.getResourceAsStream(step.getSimpleName() + "/" + file)) {
            assertThat(in).as(step.getSimpleName() + "/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Help HTML as Markdown text: code and emphasis kept, paragraphs as blank lines, other tags dropped. */
    static String text(String html) {
        return html.replaceAll("</?div>", "").replace("<code>", "`").replace("</code>", "`")
                .replaceAll("</?(b|i)>", "*").replace("<p>", "\n\n").replace("</p>", "")
                .replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replaceAll("[ \\t]*\\n[ \\t]*\\n\\s*", "\n\n").trim();
    }
}
