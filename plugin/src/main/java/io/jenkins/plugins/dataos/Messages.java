package io.jenkins.plugins.dataos;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The user-facing strings of the plugin, from {@code Messages.properties} beside this class (a hand-written
 * equivalent of the accessor Jenkins' localizer plugin generates).
 */
public final class Messages {

    private static final String BUNDLE = "io.jenkins.plugins.dataos.Messages";

    private Messages() {
    }

    /** The message {@code key} with {@code args} filled in, in the JVM's default locale. */
    public static String format(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader());
        return new MessageFormat(bundle.getString(key), Locale.ROOT).format(args);
    }
}
