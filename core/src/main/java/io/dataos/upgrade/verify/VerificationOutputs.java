package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a verification report into the workspace as {@code verification.json}, {@code verification.md}
 * and {@code verification-junit.xml} under one directory, and says which files it wrote.
 */
public final class VerificationOutputs {

    public static final String JSON = "verification.json";
    public static final String MARKDOWN = "verification.md";
    public static final String JUNIT = "verification-junit.xml";

    private VerificationOutputs() {
    }

    /** Writes the three files under {@code dir} (a workspace path) and returns their paths. */
    public static List<String> write(Workspace workspace, String dir, VerificationReport report)
            throws IOException, InterruptedException {
        String base = dir.endsWith("/") ? dir : dir + "/";
        // JSON first: it is what the reports read back if anything after this fails
        workspace.write(base + JSON, VerificationJson.render(report).getBytes(StandardCharsets.UTF_8));
        workspace.write(base + MARKDOWN, VerificationMarkdown.render(report).getBytes(StandardCharsets.UTF_8));
        workspace.write(base + JUNIT, VerificationJUnitXml.render(report).getBytes(StandardCharsets.UTF_8));
        return List.of(base + JSON, base + MARKDOWN, base + JUNIT);
    }
}
