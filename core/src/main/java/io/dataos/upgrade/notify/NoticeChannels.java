package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.verify.DurationText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where each audience's notices go: e-mail addresses and webhooks per audience, and the SMTP
 * server. Read from a channels file (see docs/notices-and-reports.md); a bad file is refused with the
 * field and the fix.
 */
public record NoticeChannels(Map<Audience, Recipients> audiences, SmtpSettings smtp) {

    /** One audience's addresses and webhooks. */
    public record Recipients(List<String> emails, List<WebhookTarget> webhooks) {
        public Recipients {
            emails = List.copyOf(emails == null ? List.of() : emails);
            webhooks = List.copyOf(webhooks == null ? List.of() : webhooks);
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    public NoticeChannels {
        audiences = Map.copyOf(audiences == null ? Map.of() : audiences);
    }

    /** No channel at all: notices are only written as files. */
    public static NoticeChannels none() {
        return new NoticeChannels(Map.of(), null);
    }

    public Recipients of(Audience audience) {
        return audiences.getOrDefault(audience, new Recipients(List.of(), List.of()));
    }

    public static NoticeChannels parse(String source, String yaml) {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, e.getLocation() == null ? "(file)"
                    : "line " + e.getLocation().getLineNr(), "not valid YAML (" + e.getOriginalMessage() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return none();
        }
        object(source, root, "(root)");
        only(source, root, "", Set.of("smtp", "audiences"));
        SmtpSettings smtp = root.has("smtp") ? smtp(source, root.get("smtp")) : null;
        Map<Audience, Recipients> audiences = new EnumMap<>(Audience.class);
        if (root.has("audiences")) {
            JsonNode list = root.get("audiences");
            object(source, list, "audiences");
            Iterator<Map.Entry<String, JsonNode>> it = list.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "audiences." + e.getKey();
                Audience audience = audience(e.getKey()).orElseThrow(() -> new InvalidInputException(source,
                        at, "is not an audience: use " + String.join(", ",
                        java.util.Arrays.stream(Audience.values()).map(Audience::key).toList())));
                object(source, e.getValue(), at);
                only(source, e.getValue(), at + ".", Set.of("emails", "webhooks", "webhookSecrets"));
                List<String> emails = new ArrayList<>();
                for (String email : strings(source, e.getValue(), at, "emails")) {
                    if (!EMAIL.matcher(email).matches()) {
                        throw new InvalidInputException(source, at + ".emails", "'" + email + "' is not an e-mail"
                                + " address: write name@example.com");
                    }
                    emails.add(email);
                }
                List<WebhookTarget> hooks = new ArrayList<>();
                List<String> urls = strings(source, e.getValue(), at, "webhooks");
                for (int i = 0; i < urls.size(); i++) {
                    hooks.add(new WebhookTarget(url(source, at + ".webhooks[" + i + "]", urls.get(i)), null));
                }
                for (String secret : strings(source, e.getValue(), at, "webhookSecrets")) {
                    hooks.add(new WebhookTarget(null, secret));
                }
                if (!emails.isEmpty() && smtp == null) {
                    throw new InvalidInputException(source, at + ".emails", "e-mail addresses need an smtp"
                            + " section: add smtp.host and smtp.from");
                }
                audiences.put(audience, new Recipients(emails, hooks));
            }
        }
        return new NoticeChannels(audiences, smtp);
    }

    private static java.util.Optional<Audience> audience(String key) {
        return java.util.Arrays.stream(Audience.values()).filter(a -> a.key().equals(key)).findFirst();
    }

    private static SmtpSettings smtp(String source, JsonNode node) {
        object(source, node, "smtp");
        only(source, node, "smtp.", Set.of("host", "port", "startTls", "ssl", "from", "user", "passwordSecret",
                "timeout"));
        String host = text(source, node, "smtp", "host", true);
        String from = text(source, node, "smtp", "from", true);
        if (!EMAIL.matcher(from).matches()) {
            throw new InvalidInputException(source, "smtp.from", "'" + from + "' is not an e-mail address");
        }
        boolean ssl = node.path("ssl").asBoolean(false);
        int port = ssl ? 465 : 587;
        if (node.has("port")) {
            JsonNode p = node.get("port");
            if (!p.canConvertToInt() || p.asInt() < 1 || p.asInt() > 65535) {
                throw new InvalidInputException(source, "smtp.port", "'" + p.asText() + "' is not a port: use 1 to"
                        + " 65535 (587 for STARTTLS, 465 for TLS)");
            }
            port = p.asInt();
        }
        Duration timeout = Duration.ofSeconds(30);
        if (node.has("timeout")) {
            try {
                timeout = DurationText.parse(node.get("timeout").asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, "smtp.timeout", e.getMessage());
            }
        }
        return new SmtpSettings(host, port, node.path("startTls").asBoolean(!ssl), ssl, from,
                text(source, node, "smtp", "user", false), text(source, node, "smtp", "passwordSecret", false),
                timeout);
    }

    private static URI url(String source, String field, String text) {
        try {
            URI uri = new URI(text);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not http(s) with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            // the URL may hold a token: say what is wrong without repeating it
            throw new InvalidInputException(source, field, "is not an http(s) URL with a host: copy the webhook URL"
                    + " again (better: keep it in a secret and list that under webhookSecrets)");
        }
    }

    private static List<String> strings(String source, JsonNode node, String at, String key) {
        List<String> values = new ArrayList<>();
        if (!node.has(key)) {
            return values;
        }
        JsonNode list = node.get(key);
        if (!list.isArray()) {
            throw new InvalidInputException(source, at + "." + key, "must be a list, e.g. [a, b]");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isValueNode() || list.get(i).asText().isBlank()) {
                throw new InvalidInputException(source, at + "." + key + "[" + i + "]", "must be a non-empty value");
            }
            values.add(list.get(i).asText().strip());
        }
        return values;
    }

    private static String text(String source, JsonNode node, String at, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw new InvalidInputException(source, at + "." + key, "missing: this field is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new InvalidInputException(source, at + "." + key, "must be a single value");
        }
        return v.asText().strip();
    }

    private static void object(String source, JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidInputException(source, field, "must be a mapping of field: value");
        }
    }

    private static void only(String source, JsonNode node, String prefix, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw io.dataos.upgrade.yaml.StrictYaml.unknownField(source, prefix.endsWith(".")
                        ? prefix.substring(0, prefix.length() - 1) : prefix, name, allowed, 0, "use ");
            }
        }
    }
}
