package io.dataos.upgrade.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Layer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChecksFileTest {

    static final String EVERY_TYPE = """
            parallelism: 3
            defaults:
              timeout: 90s
              prometheus:
                url: https://grafana.example.test
                grafanaDatasourceUid: prom-main
                tokenSecret: grafana-token
              database:
                jdbcUrl: jdbc:postgresql://10.0.0.5:5432/dataos
                user: dataos_ro
                baseline: backups/run-7/integrity-baseline.json
            checks:
              - name: dataos-manager rollout
                type: rollout
                layer: coreKernel
                resource: statefulset/dataos-manager
                namespace: dataos-manager
                timeout: 5m
              - name: dataos-manager helm tests
                type: helmTest
                release: dataos-manager
                namespace: dataos-manager
                logs: true
              - name: heimdall health
                type: http
                layer: CORE_KERNEL
                url: https://dataos.example.test/heimdall/api/v1/health
                expectStatus: [200, 204]
                bodyContains: '"status":"UP"'
              - name: api error rate
                type: promql
                query: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
                comparison: "<"
                threshold: 0.05
                bakeTime: 10m
                interval: 30s
                critical: false
              - name: critical tables
                type: dataIntegrity
                layer: cloudKernel
                tables: [public.datasets, metis.assets, users]
                compare: noRowsLost
                when: postRollback
              - name: core kernel reaches cloud kernel postgres
                type: interLayer
                from: coreKernel
                to: cloudKernel
                tcp: postgres.cloud.svc:5432
              - name: user space reaches gateway
                type: interLayer
                from: userSpace
                to: coreKernel
                url: http://gateway.core.svc:8080/ready
              - name: regression suite
                type: command
                command: [./regression.sh, --suite, smoke]
                workDir: tests
                secretEnv: {API_TOKEN: regression-token}
                expectExit: 0
            """;

    @Test
    void everyCheckTypeIsReadWithItsSettings() {
        ChecksFile file = ChecksFile.parse("checks.yaml", EVERY_TYPE);

        assertThat(file.parallelism()).isEqualTo(3);
        assertThat(file.checks()).extracting(Check::type).containsExactly(CheckType.ROLLOUT, CheckType.HELM_TEST,
                CheckType.HTTP, CheckType.PROMQL, CheckType.DATA_INTEGRITY, CheckType.INTER_LAYER,
                CheckType.INTER_LAYER, CheckType.COMMAND);

        RolloutCheck rollout = (RolloutCheck) file.checks().get(0);
        assertThat(rollout.resource()).isEqualTo("statefulset/dataos-manager");
        assertThat(rollout.namespace()).isEqualTo("dataos-manager");
        assertThat(rollout.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rollout.layer()).isEqualTo(Layer.CORE_KERNEL);

        HelmTestCheck helm = (HelmTestCheck) file.checks().get(1);
        assertThat(helm.release()).isEqualTo("dataos-manager");
        assertThat(helm.logs()).isTrue();
        assertThat(helm.timeout()).as("defaults.timeout").isEqualTo(Duration.ofSeconds(90));

        HttpCheck http = (HttpCheck) file.checks().get(2);
        assertThat(http.url()).isEqualTo(URI.create("https://dataos.example.test/heimdall/api/v1/health"));
        assertThat(http.expectStatus()).containsExactlyInAnyOrder(200, 204);
        assertThat(http.bodyContains()).isEqualTo("\"status\":\"UP\"");

        PromQlCheck promql = (PromQlCheck) file.checks().get(3);
        assertThat(promql.endpoint().queryUrl()).isEqualTo(URI.create(
                "https://grafana.example.test/api/datasources/proxy/uid/prom-main/api/v1/query"));
        assertThat(promql.endpoint().tokenSecret()).isEqualTo("grafana-token");
        assertThat(promql.comparison()).isEqualTo(Comparison.LESS);
        assertThat(promql.threshold()).isEqualTo(0.05);
        assertThat(promql.bakeTime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(promql.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(promql.basics().critical()).isFalse();

        DataIntegrityCheck data = (DataIntegrityCheck) file.checks().get(4);
        assertThat(data.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5:5432/dataos");
        assertThat(data.user()).isEqualTo("dataos_ro");
        assertThat(data.passwordSecret()).isEqualTo("postgres-password");
        assertThat(data.baseline()).isEqualTo("backups/run-7/integrity-baseline.json");
        assertThat(data.tables()).containsExactly("public.datasets", "metis.assets", "users");
        assertThat(data.compare()).isEqualTo(IntegrityComparison.NO_ROWS_LOST);
        assertThat(data.basics().appliesTo()).containsExactly(VerificationPurpose.POST_ROLLBACK);

        InterLayerCheck tcp = (InterLayerCheck) file.checks().get(5);
        assertThat(tcp.isTcp()).isTrue();
        assertThat(tcp.tcpHost()).isEqualTo("postgres.cloud.svc");
        assertThat(tcp.tcpPort()).isEqualTo(5432);
        assertThat(tcp.layer()).as("an inter-layer check belongs to its calling layer").isEqualTo(Layer.CORE_KERNEL);
        assertThat(tcp.direction()).isEqualTo("CORE_KERNEL → CLOUD_KERNEL");

        InterLayerCheck httpProbe = (InterLayerCheck) file.checks().get(6);
        assertThat(httpProbe.url()).isEqualTo(URI.create("http://gateway.core.svc:8080/ready"));
        assertThat(httpProbe.from()).isEqualTo(Layer.USER_SPACE);

        CommandCheck command = (CommandCheck) file.checks().get(7);
        assertThat(command.argv()).containsExactly("./regression.sh", "--suite", "smoke");
        assertThat(command.workDir()).isEqualTo("tests");
        assertThat(command.secretEnv()).isEqualTo(Map.of("API_TOKEN", "regression-token"));
    }

    @Test
    void aFileWithoutParallelismRunsChecksOneAtATimeWithTwoMinuteTimeouts() {
        ChecksFile file = ChecksFile.parse("c.yaml", """
                checks:
                  - {name: gw, type: http, url: "http://127.0.0.1:1/"}
                """);

        assertThat(file.parallelism()).isEqualTo(1);
        assertThat(file.checks().get(0).timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(file.checks().get(0).basics().critical()).isTrue();
        assertThat(file.checks().get(0).basics().appliesTo())
                .isEqualTo(Set.of(VerificationPurpose.POST_UPGRADE, VerificationPurpose.POST_ROLLBACK));
        assertThat(((HttpCheck) file.checks().get(0)).expectStatus()).containsExactly(200);
    }

    @Test
    void theTypeMayComeAfterTheFieldsItDecidesOn() {
        ChecksFile file = ChecksFile.parse("c.yaml", """
                checks:
                  - {url: "http://127.0.0.1:1/", expectStatus: 204, name: gw, type: http}
                """);

        assertThat(((HttpCheck) file.checks().get(0)).expectStatus()).containsExactly(204);
    }

    static Stream<Arguments> badFiles() {
        String http = "  - {name: a, type: http, url: \"http://h/\"}\n";
        return Stream.of(
                Arguments.of("", "checks", "empty"),
                Arguments.of("checks: [", "line 1", "not valid YAML"),
                Arguments.of("checks: []", "checks", "missing or empty"),
                Arguments.of("check:\n" + http, "check", "not a known field"),
                Arguments.of("parallelism: 40\nchecks:\n" + http, "parallelism", "up to 16"),
                Arguments.of("checks:\n  - {name: a, type: smoke}\n", "checks[0].type", "rollout, helmTest"),
                Arguments.of("checks:\n  - {type: http, url: \"http://h/\"}\n", "checks[0].name", "missing"),
                Arguments.of("checks:\n" + http + http, "checks[1].name", "used by an earlier check"),
                Arguments.of("checks:\n  - {name: a, type: rollout, resource: statefulset/x, namspace: y}\n",
                        "checks[0].namspace", "namespace"),
                Arguments.of("checks:\n  - {name: a, type: rollout, resource: dataos-manager, namespace: y}\n",
                        "checks[0].resource", "statefulset/dataos-manager"),
                Arguments.of("checks:\n  - {name: a, type: helmTest, release: x, namespace: Bad_NS}\n",
                        "checks[0].namespace", "Kubernetes name"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", timeout: soon}\n",
                        "checks[0].timeout", "not a duration"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", timeout: 0s}\n",
                        "checks[0].timeout", "longer than zero"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"ftp://h/\"}\n", "checks[0].url", "http://"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"https://u:p@h/\"}\n", "checks[0].url",
                        "tokenSecret"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", expectStatus: 700}\n",
                        "checks[0].expectStatus", "100 to 599"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", layer: kernel}\n",
                        "checks[0].layer", "userSpace, coreKernel or cloudKernel"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", when: later}\n",
                        "checks[0].when", "postUpgrade, postRollback or always"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", critical: maybe}\n",
                        "checks[0].critical", "true or false"),
                Arguments.of("checks:\n  - {name: a, type: promql, query: up, comparison: '<', threshold: 1}\n",
                        "checks[0].prometheus", "defaults.prometheus"),
                Arguments.of("checks:\n  - {name: a, type: promql, prometheus: {url: \"http://p/\"}, query: up,"
                        + " comparison: '=<', threshold: 1}\n", "checks[0].comparison", "< <= > >= == !="),
                Arguments.of("checks:\n  - {name: a, type: promql, prometheus: {url: \"http://p/\"}, query: up,"
                        + " comparison: '<', threshold: low}\n", "checks[0].threshold", "not a number"),
                Arguments.of("checks:\n  - {name: a, type: promql, prometheus: {url: \"http://p/\"}, query: up,"
                        + " comparison: '<', threshold: 1, bakeTime: 1m, interval: 5m}\n", "checks[0].interval",
                        "longer than bakeTime"),
                Arguments.of("checks:\n  - {name: a, type: promql, prometheus: {url: \"http://p/\", uid: x},"
                        + " query: up, comparison: '<', threshold: 1}\n", "checks[0].prometheus.uid",
                        "grafanaDatasourceUid"),
                Arguments.of("checks:\n  - {name: a, type: dataIntegrity, jdbcUrl: \"jdbc:mysql://h/db\","
                        + " user: u, baseline: b.json, tables: [t]}\n", "checks[0].jdbcUrl", "PostgreSQL"),
                Arguments.of("checks:\n  - {name: a, type: dataIntegrity, jdbcUrl: \"jdbc:postgresql://h/db?"
                        + "password=x\", user: u, baseline: b.json, tables: [t]}\n", "checks[0].jdbcUrl",
                        "passwordSecret"),
                Arguments.of("checks:\n  - {name: a, type: dataIntegrity, jdbcUrl: \"jdbc:postgresql://h/db\","
                        + " user: u, baseline: b.json, tables: [\"t; DROP TABLE users\"]}\n",
                        "checks[0].tables[0]", "plain table name"),
                Arguments.of("checks:\n  - {name: a, type: dataIntegrity, jdbcUrl: \"jdbc:postgresql://h/db\","
                        + " user: u, tables: [t]}\n", "checks[0].baseline", "defaults.database"),
                Arguments.of("checks:\n  - {name: a, type: dataIntegrity, jdbcUrl: \"jdbc:postgresql://h/db\","
                        + " user: u, baseline: b, tables: [t], compare: exact}\n", "checks[0].compare",
                        "checksum, rowCount, noRowsLost"),
                Arguments.of("checks:\n  - {name: a, type: interLayer, from: userSpace, tcp: \"h:1\"}\n",
                        "checks[0].to", "calling layer"),
                Arguments.of("checks:\n  - {name: a, type: interLayer, from: userSpace, to: coreKernel}\n",
                        "checks[0].tcp", "HOST:PORT"),
                Arguments.of("checks:\n  - {name: a, type: interLayer, from: userSpace, to: coreKernel, tcp: \"h:1\","
                        + " url: \"http://h/\"}\n", "checks[0].url", "not both"),
                Arguments.of("checks:\n  - {name: a, type: interLayer, from: userSpace, to: coreKernel,"
                        + " tcp: \"h:99999\"}\n", "checks[0].tcp", "1 to 65535"),
                Arguments.of("checks:\n  - {name: a, type: command, command: \"./run.sh --all\"}\n",
                        "checks[0].command", "never run through a shell"),
                Arguments.of("checks:\n  - {name: a, type: command, command: [x], secretEnv: {\"A-B\": s}}\n",
                        "checks[0].secretEnv.A-B", "environment variable name"),
                Arguments.of("checks:\n  - {name: a, type: command, command: [x], expectExit: zero}\n",
                        "checks[0].expectExit", "whole number"),
                Arguments.of("checks:\n  - {name: a, name: b, type: command, command: [x]}\n", "checks[0].name",
                        "is given twice (line 2): keep one"),
                Arguments.of("checks:\n  - {name: &n a, type: command, command: [x]}\n  - {name: *n, type: command,"
                        + " command: [y]}\n", "checks[1].name", "uses a YAML anchor or alias"),
                Arguments.of("checks:\n  - {name: a}\n", "checks[0].type", "missing"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", resource: x}\n",
                        "checks[0].resource", "use bodyContains, critical, expectStatus, layer, name, timeout,"
                        + " tokenSecret, type, url, when"),
                Arguments.of("checks:\n  - {name: a, type: http, url: \"http://h/\", expectStatus: [200, 700]}\n",
                        "checks[0].expectStatus[1]", "100 to 599"),
                Arguments.of("checks:\n  - {name: [a], type: command, command: [x]}\n", "checks[0].name",
                        "is a list but a single value is expected"),
                Arguments.of("checks:\n  - {name: a, type: command, command: [x, ~]}\n", "checks[0].command[1]",
                        "must be a single value"),
                Arguments.of("checks:\n  - {name: a, type: command, \"\\e[31mcomand\": [x]}\n",
                        "checks[0].\\u001b[31mcomand", "did you mean 'command'? use command,"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedNamingTheFieldAndTheFix(String yaml, String field, String fix) {
        assertThatThrownBy(() -> ChecksFile.parse("ops/checks.yaml", yaml))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.source()).isEqualTo("ops/checks.yaml");
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(fix);
                });
    }

    @Test
    void durationsAreReadTheWayOperatorsWriteThem() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThatThrownBy(() -> DurationText.parse("5 minutes")).hasMessageContaining("not a duration");
        assertThat(List.of("10m", "45s", "250ms", "2h"))
                .allSatisfy(t -> assertThat(DurationText.format(DurationText.parse(t))).isEqualTo(t));
    }
}
