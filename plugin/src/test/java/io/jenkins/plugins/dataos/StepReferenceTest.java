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
        md.append("Every step runs inside `node { }`. Paths are relative to the workspace; absolute paths and `..` "
                + "that leave it are refused (`stateDir` may be an absolute path on the agent). Each step returns a "
                + "plain map (strings, whole numbers as `Long`, booleans, lists, maps) that a script can keep.\n\n");
        md.append("**How a step runs.** The step resolves its credentials in the controller, then starts the engine "
                + "(the `dataos-upgrade` command line, shipped inside the plugin and copied to the agent once per "
                + "content hash) as a child JVM on the agent, through the build's launcher and environment, under a "
                + "small wrapper that keeps its log, result, heartbeat and exit status in a run folder under the "
                + "agent's root. The step follows that log into the build log and returns the engine's JSON result "
                + "([engine-contract.md](engine-contract.md)). Everything of the runbook (helm, kubectl, PostgreSQL, "
                + "HTTP and PromQL checks, notices, backups) runs on the agent. A controller restart does not stop "
                + "the engine: the step attaches to it again. An abort stops it at its next safe point. The run "
                + "state (journals, backup kits, locks) is kept in `stateDir`, by default under the agent's root, "
                + "so that it outlives the workspace; results name its files `.dataos-upgrade/...`.\n\n");
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
                md.append("| `").append(p.getKey()).append("` | ").append(type(p.getValue(), getter)).append(" | ")
                        .append(isRequired ? "yes" : "no").append(" | ")
                        .append(def == null || (def instanceof List<?> l && l.isEmpty()) ? "" : "`" + def + "`")
                        .append(" | ").append(text(help(step, "help-" + p.getKey() + ".html")).replace("\n", " "))
                        .append(" |\n");
            }
            md.append("\n");
        }
        return md.toString();
    }

    static String type(Class<?> c, Method getter) {
        if (c != List.class) {
            return c.getSimpleName();
        }
        java.lang.reflect.Type element = ((java.lang.reflect.ParameterizedType) getter.getGenericReturnType())
                .getActualTypeArguments()[0];
        if (element == Approval.class) {
            return "list of `approval(gate:, approver:)`";
        }
        if (element == SecretCredential.class) {
            return "list of `secret(name:, credentialsId:)`";
        }
        return "list of strings";
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
