package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.verify.DurationText;
import io.dataos.upgrade.yaml.Printable;
import io.dataos.upgrade.yaml.StrictYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    /** A channels section as written, bound by Jackson databind (unknown fields refused) before it is checked. */
    record ChannelsYaml(SmtpYaml smtp, Map<String, RecipientsYaml> audiences) {}

    record SmtpYaml(String host, String port, String startTls, String ssl, String from, String user,
            String passwordSecret, String timeout) {}

    record RecipientsYaml(List<String> emails, List<String> webhooks, List<String> webhookSecrets) {}

    private static final StrictYaml.Format FORMAT = new StrictYaml.Format("a channels section",
            "docs/notices-and-reports.md", "write 'smtp:' and 'audiences:' (docs/notices-and-reports.md)", "use ");

    /** Reads a channels section; {@code source} names it in errors. */
    public static NoticeChannels parse(String source, String yaml) {
        byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
        if (StrictYaml.scanIfAny(bytes, source, FORMAT) == null) {
            return none();
        }
        ChannelsYaml root = StrictYaml.read(bytes, source, FORMAT, ChannelsYaml.class).value();
        SmtpSettings smtp = root.smtp() != null ? smtp(source, root.smtp()) : null;
        Map<Audience, Recipients> audiences = new EnumMap<>(Audience.class);
        if (root.audiences() != null) {
            for (Map.Entry<String, RecipientsYaml> e : root.audiences().entrySet()) {
                String at = "audiences." + Printable.of(e.getKey());
                Audience audience = audience(e.getKey()).orElseThrow(() -> new InvalidInputException(source,
                        at, "is not an audience: use " + String.join(", ",
                        java.util.Arrays.stream(Audience.values()).map(Audience::key).toList())));
                RecipientsYaml recipients = e.getValue() == null ? new RecipientsYaml(null, null, null) : e.getValue();
                List<String> emails = new ArrayList<>();
                for (String email : strings(source, recipients.emails(), at + ".emails")) {
                    if (!EMAIL.matcher(email).matches()) {
                        throw new InvalidInputException(source, at + ".emails", "'" + Printable.of(email) + "' is not"
                                + " an e-mail address: write name@example.com");
                    }
                    emails.add(email);
                }
                List<WebhookTarget> hooks = new ArrayList<>();
                List<String> urls = strings(source, recipients.webhooks(), at + ".webhooks");
                for (int i = 0; i < urls.size(); i++) {
                    hooks.add(new WebhookTarget(url(source, at + ".webhooks[" + i + "]", urls.get(i)), null));
                }
                for (String secret : strings(source, recipients.webhookSecrets(), at + ".webhookSecrets")) {
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

    private static SmtpSettings smtp(String source, SmtpYaml node) {
        String host = text(source, node.host(), "smtp.host", true);
        String from = text(source, node.from(), "smtp.from", true);
        if (!EMAIL.matcher(from).matches()) {
            throw new InvalidInputException(source, "smtp.from", "'" + Printable.of(from) + "' is not an e-mail"
                    + " address");
        }
        boolean ssl = bool(source, node.ssl(), "smtp.ssl", false);
        int port = ssl ? 465 : 587;
        if (node.port() != null) {
            String p = node.port().strip();
            if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                throw new InvalidInputException(source, "smtp.port", "'" + Printable.of(p) + "' is not a port: use 1"
                        + " to 65535 (587 for STARTTLS, 465 for TLS)");
            }
            port = Integer.parseInt(p);
        }
        Duration timeout = Duration.ofSeconds(30);
        if (node.timeout() != null) {
            try {
                timeout = DurationText.parse(node.timeout());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, "smtp.timeout", e.getMessage());
            }
        }
        return new SmtpSettings(host, port, bool(source, node.startTls(), "smtp.startTls", !ssl), ssl, from,
                text(source, node.user(), "smtp.user", false), text(source, node.passwordSecret(),
                        "smtp.passwordSecret", false), timeout);
    }

    private static boolean bool(String source, String value, String field, boolean otherwise) {
        if (value == null) {
            return otherwise;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new InvalidInputException(source, field, "'" + Printable.of(value) + "' is not true or"
                    + " false: write true or false");
        };
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

    private static List<String> strings(String source, List<String> list, String at) {
        List<String> values = new ArrayList<>();
        if (list == null) {
            return values;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null || list.get(i).isBlank()) {
                throw new InvalidInputException(source, at + "[" + i + "]", "must be a non-empty value");
            }
            values.add(list.get(i).strip());
        }
        return values;
    }

    private static String text(String source, String value, String field, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInputException(source, field, "missing: this field is required");
            }
            return null;
        }
        return value.strip();
    }
}
