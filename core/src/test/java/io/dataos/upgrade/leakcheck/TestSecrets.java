package io.dataos.upgrade.leakcheck;

import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secret values the verification, notice and report tests use. They are distinctive so that
 * {@link NoSecretLeakTest} can search every file and log those tests produced for them.
 */
public final class TestSecrets {

    public static final String PROMETHEUS_TOKEN = "prom-tok-Zq7Xw3Lp9V";
    public static final String POSTGRES_PASSWORD = "pg-pw-Hk4Rt8Mn2C";
    public static final String SMTP_PASSWORD = "smtp-pw-Jd6Yb1Qs5F";
    public static final String WEBHOOK_TOKEN = "hook-tok-Wc3Ne9Tg7A";
    public static final String REGRESSION_TOKEN = "regr-tok-Pu2Ki8Od4S";

    public static final List<String> ALL = List.of(PROMETHEUS_TOKEN, POSTGRES_PASSWORD, SMTP_PASSWORD,
            WEBHOOK_TOKEN, REGRESSION_TOKEN);

    private TestSecrets() {
    }

    /** A provider holding every test secret under its usual name. */
    public static SecretProvider provider() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        secrets.put("prometheus-token", Secret.of("prometheus-token", PROMETHEUS_TOKEN));
        secrets.put("postgres-password", Secret.of("postgres-password", POSTGRES_PASSWORD));
        secrets.put("smtp-password", Secret.of("smtp-password", SMTP_PASSWORD));
        secrets.put("webhook-token", Secret.of("webhook-token", WEBHOOK_TOKEN));
        secrets.put("regression-token", Secret.of("regression-token", REGRESSION_TOKEN));
        return name -> Optional.ofNullable(secrets.get(name));
    }
}
