package io.dataos.upgrade.notify;

import io.dataos.upgrade.secret.Secret;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/** Sends a notice as a plain-text e-mail through the configured SMTP server. */
final class SmtpDelivery {

    private final SmtpSettings settings;
    private final Secret password;

    /** {@code password} is null when the server takes no login. */
    SmtpDelivery(SmtpSettings settings, Secret password) {
        this.settings = settings;
        this.password = password;
    }

    DeliveryResult deliver(Notice notice, List<String> recipients) {
        String shown = String.join(", ", recipients);
        try {
            Session session = Session.getInstance(properties());
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            Address[] to = new Address[recipients.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(recipients.get(i), true);
            }
            message.setRecipients(MimeMessage.RecipientType.TO, to);
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            message.setText(notice.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("X-DataOS-Notice", notice.kind().fileName() + "/" + notice.audience().key());
            if (settings.user() != null) {
                Transport.send(message, settings.user(), password == null ? "" : password.reveal());
            } else {
                Transport.send(message);
            }
            return new DeliveryResult(notice.kind(), notice.audience(), "email", shown, true, "sent via "
                    + settings.host() + ":" + settings.port());
        } catch (AddressException e) {
            return failed(notice, shown, "bad address: " + e.getMessage());
        } catch (MessagingException e) {
            Throwable cause = e.getNextException() != null ? e.getNextException() : e.getCause();
            return failed(notice, shown, "not sent via " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage() + (cause == null ? "" : " (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")"));
        }
    }

    private DeliveryResult failed(Notice notice, String shown, String detail) {
        String masked = password == null ? detail : Secret.mask(detail, List.of(password));
        return new DeliveryResult(notice.kind(), notice.audience(), "email", shown, false, masked);
    }

    private Properties properties() {
        Properties p = new Properties();
        String proto = settings.ssl() ? "smtps" : "smtp";
        p.setProperty("mail.transport.protocol", proto);
        p.setProperty("mail." + proto + ".host", settings.host());
        p.setProperty("mail." + proto + ".port", String.valueOf(settings.port()));
        p.setProperty("mail." + proto + ".auth", String.valueOf(settings.user() != null));
        p.setProperty("mail." + proto + ".starttls.enable", String.valueOf(settings.startTls()));
        p.setProperty("mail." + proto + ".starttls.required", String.valueOf(settings.startTls()));
        String millis = String.valueOf(settings.timeout().toMillis());
        p.setProperty("mail." + proto + ".connectiontimeout", millis);
        p.setProperty("mail." + proto + ".timeout", millis);
        p.setProperty("mail." + proto + ".writetimeout", millis);
        return p;
    }
}
