package io.dataos.upgrade.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run state in a folder of its own, outside the workspace, so that it outlives the workspace. */
class LocalWorkspaceStateTest {

    @TempDir
    Path root;
    @TempDir
    Path state;

    @Test
    void runStateLivesInTheStateFolderAndEverythingElseInTheWorkspace() throws Exception {
        LocalWorkspace workspace = new LocalWorkspace(root, state);

        workspace.append(".dataos-upgrade/runs/build-1/journal.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8));
        workspace.write("dataos-upgrade/reports/build-1/run-report.md", "# run\n".getBytes(StandardCharsets.UTF_8));

        assertThat(state.resolve("runs/build-1/journal.jsonl")).hasContent("{}");
        assertThat(root.resolve(".dataos-upgrade")).doesNotExist();
        assertThat(root.resolve("dataos-upgrade/reports/build-1/run-report.md")).hasContent("# run");
        assertThat(workspace.list(".dataos-upgrade/runs")).containsExactly("build-1");
        assertThat(workspace.absolute(".dataos-upgrade/runs/build-1/journal.jsonl"))
                .isEqualTo(state.resolve("runs/build-1/journal.jsonl").toString());
        assertThat(workspace.exists(".dataos-upgrade/runs/build-1/journal.jsonl")).isTrue();
    }

    @Test
    void aPathThatOnlyPassesThroughTheStateNameStaysInTheWorkspaceAndNothingLeavesIt() throws Exception {
        LocalWorkspace workspace = new LocalWorkspace(root, state);
        Files.writeString(root.resolve("values.yaml"), "image: {}\n");

        assertThat(workspace.resolve(".dataos-upgrade/../values.yaml")).isEqualTo(root.resolve("values.yaml"));
        assertThat(workspace.resolve(".dataos-upgrade-other/x")).isEqualTo(root.resolve(".dataos-upgrade-other/x"));
        assertThatThrownBy(() -> workspace.resolve(".dataos-upgrade/../../escape"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves the workspace");
    }

    @Test
    void withoutAStateFolderTheRunStateIsInTheWorkspace() throws Exception {
        LocalWorkspace workspace = new LocalWorkspace(root);

        workspace.append(".dataos-upgrade/runs/build-2/journal.jsonl", "{}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(root.resolve(".dataos-upgrade/runs/build-2/journal.jsonl")).hasContent("{}");
    }
}
