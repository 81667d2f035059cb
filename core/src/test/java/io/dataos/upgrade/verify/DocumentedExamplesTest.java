package io.dataos.upgrade.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.notify.NoticeChannels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The YAML examples in the docs are real files: they parse, so operators can copy them. */
class DocumentedExamplesTest {

    private static String firstYamlBlock(String doc) throws Exception {
        String text = Files.readString(Path.of("..", "docs", doc));
        Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(block.find()).as("a yaml example in docs/" + doc).isTrue();
        return block.group(1);
    }

    @Test
    void checksFileExampleInTheDocsParses() throws Exception {
        ChecksFile file = ChecksFile.parse("docs/verification.md", firstYamlBlock("verification.md"));

        assertThat(file.parallelism()).isEqualTo(2);
        assertThat(file.checks()).extracting(c -> c.type().fileName()).containsExactly("rollout", "helmTest", "http",
                "promql", "dataIntegrity", "interLayer", "interLayer", "command");
    }

    @Test
    void channelsFileExampleInTheDocsParses() throws Exception {
        NoticeChannels channels = NoticeChannels.parse("docs/notices-and-reports.md",
                firstYamlBlock("notices-and-reports.md").replace("T…/B…/…", "T1/B2/x"));

        assertThat(channels.smtp().host()).isEqualTo("smtp.acme.example");
        assertThat(channels.of(Audience.OPERATORS).emails()).containsExactly("dataos-ops@acme.example");
    }
}
