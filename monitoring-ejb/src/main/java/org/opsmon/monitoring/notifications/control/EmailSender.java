package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.EmailSettings;
import org.opsmon.monitoring.notifications.entity.Notice;

/**
 * E-mail through Jakarta Mail (the implementation Payara ships). Each send opens its own SMTP
 * session with connect, read and write timeouts from the channel, so a mail server that hangs
 * costs one attempt of this channel. What the channel leaves out comes from MONITORING_SMTP_*.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    @Inject
    NotificationConfiguration configuration;

    public EmailSender() {
    }

    EmailSender(NotificationConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The SMTP exchange a channel resolves to, with the server's defaults filled in. */
    record MailServer(String host, int port, String security, String from, String username, String password,
            int timeoutSeconds) {
    }

    MailServer server(EmailSettings settings) throws DeliveryFailure {
        String host = settings.host() != null ? settings.host() : configuration.smtpHost().orElse(null);
        String from = settings.from() != null ? settings.from() : configuration.smtpFrom().orElse(null);
        if (host == null || from == null) {
            throw new DeliveryFailure("No SMTP " + (host == null ? "host" : "sender")
                    + " is set for this channel or configured for the server (MONITORING_SMTP_*)");
        }
        String security = settings.security() != null ? settings.security() : configuration.smtpSecurity();
        int port = settings.port() != null ? settings.port() : configuration.smtpPort().orElse(switch (security) {
            case "tls" -> 465;
            case "starttls" -> 587;
            default -> 25;
        });
        String username = settings.username() != null ? settings.username() : configuration.smtpUsername().orElse(null);
        String password = settings.username() != null ? settings.password()
                : configuration.smtpUsername().flatMap(u -> configuration.smtpPassword()).orElse(null);
        int timeout = settings.timeoutSeconds() != null ? settings.timeoutSeconds()
                : configuration.settingDefaults().timeoutSeconds();
        return new MailServer(host, port, security, from, username, password, timeout);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public void send(ChannelSettings settings, Notice notice) throws DeliveryFailure {
        EmailSettings email = (EmailSettings) settings;
        MailServer server = server(email);
        Session session = Session.getInstance(properties(server));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(server.from(), true));
            Address[] to = new Address[email.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(email.to().get(i), true);
            }
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
            message.setSubject(NotificationText.subject(notice), StandardCharsets.UTF_8.name());
            message.setText(NotificationText.body(notice), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("X-Monitoring-Notification", String.valueOf(notice.notificationId()));
            if (server.username() != null && server.password() != null) {
                Transport.send(message, server.username(), server.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new DeliveryFailure("SMTP " + server.host() + ":" + server.port() + " (" + server.security() + "): "
                    + describe(e));
        }
    }

    static Properties properties(MailServer server) {
        Properties properties = new Properties();
        String millis = String.valueOf(server.timeoutSeconds() * 1000L);
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", server.host());
        properties.setProperty("mail.smtp.port", String.valueOf(server.port()));
        properties.setProperty("mail.smtp.connectiontimeout", millis);
        properties.setProperty("mail.smtp.timeout", millis);
        properties.setProperty("mail.smtp.writetimeout", millis);
        properties.setProperty("mail.smtp.auth", String.valueOf(server.username() != null && server.password() != null));
        switch (server.security()) {
            case "starttls" -> {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case "tls" -> {
                properties.setProperty("mail.smtp.ssl.enable", "true");
                properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            default -> {
                // Plain SMTP, for a relay on the same host or network.
            }
        }
        return properties;
    }

    /** The innermost cause's words: "Connection refused", "535 Authentication failed". */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
