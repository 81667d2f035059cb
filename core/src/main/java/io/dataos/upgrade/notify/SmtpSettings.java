package io.dataos.upgrade.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * The mail server notices go through: host and port, STARTTLS or implicit TLS, the sender, and the
 * login user with the secret name of its password (null user: no login).
 */
public record SmtpSettings(String host, int port, boolean startTls, boolean ssl, String from, String user,
        String passwordSecret, Duration timeout) {

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(from, "from");
        passwordSecret = passwordSecret == null ? "smtp-password" : passwordSecret;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
}
