package io.dataos.upgrade.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A checks file as written, bound by Jackson databind before {@link ChecksFile} checks every value.
 * A check's {@code type} picks its record, so a field that does not belong to the type is refused
 * as unknown, with the type's own fields as the list to choose from. Scalars stay text so that
 * {@code timeout: soon} or {@code critical: maybe} get a message saying what to write.
 */
final class ChecksYaml {

    private ChecksYaml() {}

    /** The whole file. */
    record FileYaml(String parallelism, DefaultsYaml defaults, List<CheckYaml> checks) {}

    record DefaultsYaml(String timeout, PrometheusYaml prometheus, DatabaseYaml database) {}

    record PrometheusYaml(String url, String grafanaDatasourceUid, String tokenSecret) {}

    record DatabaseYaml(String jdbcUrl, String user, String passwordSecret, String baseline) {}

    /**
     * One check: the fields every type has, and a record per type (the names are
     * {@link CheckType#fileName()}). A missing or unknown type binds to {@link UntypedYaml}, which
     * {@link ChecksFile} refuses naming the types.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
            visible = true, defaultImpl = UntypedYaml.class)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = RolloutYaml.class, name = "rollout"),
        @JsonSubTypes.Type(value = HelmTestYaml.class, name = "helmTest"),
        @JsonSubTypes.Type(value = HttpYaml.class, name = "http"),
        @JsonSubTypes.Type(value = PromQlYaml.class, name = "promql"),
        @JsonSubTypes.Type(value = DataIntegrityYaml.class, name = "dataIntegrity"),
        @JsonSubTypes.Type(value = InterLayerYaml.class, name = "interLayer"),
        @JsonSubTypes.Type(value = CommandYaml.class, name = "command")})
    sealed interface CheckYaml {
        String name();

        String type();

        String layer();

        String timeout();

        String critical();

        String when();
    }

    /** A check without a type or with one that does not exist: only its type is looked at. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record UntypedYaml(String name, String type, String layer, String timeout, String critical, String when)
            implements CheckYaml {}

    record RolloutYaml(String name, String type, String layer, String timeout, String critical, String when,
            String resource, String namespace, String context) implements CheckYaml {}

    record HelmTestYaml(String name, String type, String layer, String timeout, String critical, String when,
            String release, String namespace, String logs) implements CheckYaml {}

    record HttpYaml(String name, String type, String layer, String timeout, String critical, String when,
            String url, @JsonDeserialize(using = OneOrMany.Reader.class) OneOrMany expectStatus, String bodyContains,
            String tokenSecret) implements CheckYaml {}

    record PromQlYaml(String name, String type, String layer, String timeout, String critical, String when,
            PrometheusYaml prometheus, String query, String comparison, String threshold, String bakeTime,
            String interval, String passWhenEmpty) implements CheckYaml {}

    record DataIntegrityYaml(String name, String type, String layer, String timeout, String critical, String when,
            String jdbcUrl, String user, String passwordSecret, List<String> tables, String baseline, String compare)
            implements CheckYaml {}

    record InterLayerYaml(String name, String type, String layer, String timeout, String critical, String when,
            String from, String to, String tcp, String url,
            @JsonDeserialize(using = OneOrMany.Reader.class) OneOrMany expectStatus) implements CheckYaml {}

    record CommandYaml(String name, String type, String layer, String timeout, String critical, String when,
            @JsonDeserialize(using = OneOrMany.Reader.class) OneOrMany command, String workDir,
            Map<String, String> secretEnv, String expectExit) implements CheckYaml {}

    /**
     * A field written as one value or as a list ({@code expectStatus: 200} or {@code [200, 204]}),
     * remembering which: a command written as one string is a shell line, refused with its own fix.
     */
    record OneOrMany(List<String> values, boolean single) {

        static final class Reader extends StdDeserializer<OneOrMany> {
            Reader() {
                super(OneOrMany.class);
            }

            @Override
            public OneOrMany deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.isExpectedStartArrayToken()) {
                    JavaType list = ctxt.getTypeFactory().constructCollectionType(List.class, String.class);
                    return new OneOrMany(ctxt.readValue(p, list), false);
                }
                return new OneOrMany(Collections.singletonList(ctxt.readValue(p, String.class)), true);
            }
        }
    }
}
