package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's JSON result read into the plain values a Pipeline keeps. */
class EngineJsonTest {

    @Test
    void resultBecomesPlainMapsListsStringsLongsAndBooleansWithNullsLeftOut() throws Exception {
        Map<String, Object> result = EngineJson.object("""
                 {"status":"SUCCEEDED","actions":12,"ratio":0.5,"dryRun":false,"backup":null,
                  "gates":[{"id":"prepare.approve-window","approvers":["ops@example.com"]}],
                  "message":"tab\\there \\"quoted\\" \\u00e9 \\\\ /"}
                """);

        assertThat(result).containsEntry("status", "SUCCEEDED").containsEntry("actions", 12L)
                .containsEntry("ratio", 0.5).containsEntry("dryRun", false).doesNotContainKey("backup")
                .containsEntry("message", "tab\there \"quoted\" \u00e9 \\ /")
                .containsEntry("gates", List.of(Map.of("id", "prepare.approve-window",
                        "approvers", List.of("ops@example.com"))));
        assertThat(result.keySet()).containsExactly("status", "actions", "ratio", "dryRun", "gates", "message");
    }

    @Test
    void anythingButOneJsonObjectIsMalformed() {
        for (String text : List.of("", "   ", "[1,2]", "{\"a\":1} {\"b\":2}", "{\"a\":1} trailing", "{\"a\":",
                "{\"a\":\"unterminated}", "{\"a\":01}", "{\"a\":tru}", "{a:1}", "{\"a\":\"\u0001\"}")) {
            assertThatThrownBy(() -> EngineJson.object(text)).as(text).isInstanceOf(EngineJson.MalformedResult.class)
                    .hasMessageContaining("the engine");
        }
    }
}
