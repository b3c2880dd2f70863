package org.opsmon.monitoring.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class ChannelSettingsTest {

    static final SettingDefaults DEFAULTS = SettingDefaults.BUILT_IN;

    static ChannelSettings read(ChannelType type, String json) {
        return ChannelSettings.read(type, ChannelFiltersTest.json(json), null, DEFAULTS);
    }

    static String refused(ChannelType type, String json) {
        RequestProblem problem = assertThrows(RequestProblem.class, () -> read(type, json));
        assertEquals("invalid_settings", problem.code());
        assertEquals(400, problem.status());
        return problem.getMessage();
    }

    @Test
    void unknownTypesAreRefusedWithTheKnownOnes() {
        RequestProblem problem = assertThrows(RequestProblem.class, () -> ChannelType.of("pager"));
        assertEquals("invalid_type", problem.code());
        assertEquals("type must be one of log, file, email, webhook, slack", problem.getMessage());
        assertEquals("invalid_type", assertThrows(RequestProblem.class, () -> ChannelType.of(null)).code());
    }

    @Test
    void emailSettingsAreCheckedAndThePasswordIsNeverShown() {
        EmailSettings email = (EmailSettings) read(ChannelType.EMAIL, "{'host': 'smtp.example.com', 'port': 587, "
                + "'security': 'starttls', 'from': 'monitoring@example.com', 'to': ['ops@example.com', 'b.o+x@ops.example.org'], "
                + "'username': 'mailer', 'password': 's3cret-pass', 'timeout_s': 5}");
        assertEquals(List.of("ops@example.com", "b.o+x@ops.example.org"), email.to());
        assertEquals("s3cret-pass", email.password());
        assertFalse(email.storedJson().toString().contains("s3cret"));
        assertFalse(email.publicJson().toString().contains("s3cret"));
        assertTrue(email.publicJson().getBoolean("password_set"));
        assertEquals("{\"password\":\"s3cret-pass\"}", email.secretsJson().toString());

        assertEquals("settings.to[0] is not an e-mail address: 'ops.example.com'",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c', 'to': ['ops.example.com']}"));
        assertEquals("settings.from is not an e-mail address: 'a@b'",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b', 'to': ['x@y.z']}"));
        assertEquals("settings.to must list at least one address",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c'}"));
        assertEquals("settings.security must be none, starttls or tls",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'security': 'ssl'}"));
        assertEquals("settings.port must be a whole number from 1 to 65535, got 70000",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'port': 70000}"));
        assertEquals("settings.timeout_s must be a whole number from 1 to 60, got -1",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'timeout_s': -1}"));
        assertEquals("settings.host is required: no server-wide SMTP host (MONITORING_SMTP_HOST) is configured",
                refused(ChannelType.EMAIL, "{'from': 'a@b.c', 'to': ['x@y.z']}"));
        assertEquals("settings.username is required with a password",
                refused(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'password': 'p'}"));
        SettingDefaults serverWide = new SettingDefaults(10, 60, 1024 * 1024, 5, true, true);
        EmailSettings minimal = (EmailSettings) ChannelSettings.read(ChannelType.EMAIL,
                ChannelFiltersTest.json("{'to': ['x@y.z']}"), null, serverWide);
        assertEquals(null, minimal.host(), "the server's host is used when sending");
    }

    @Test
    void aChangeWithoutTheSecretKeepsIt() {
        EmailSettings before = (EmailSettings) read(ChannelType.EMAIL,
                "{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'username': 'u', 'password': 'kept'}");
        EmailSettings after = (EmailSettings) ChannelSettings.read(ChannelType.EMAIL,
                ChannelFiltersTest.json("{'host': 'other', 'from': 'a@b.c', 'to': ['x@y.z'], 'username': 'u'}"), before,
                DEFAULTS);
        assertEquals("kept", after.password());
        assertEquals("other", after.host());
        EmailSettings cleared = (EmailSettings) ChannelSettings.read(ChannelType.EMAIL,
                ChannelFiltersTest.json("{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'password': ''}"), before, DEFAULTS);
        assertEquals(null, cleared.password(), "an empty password removes it");

        WebhookSettings hook = (WebhookSettings) read(ChannelType.WEBHOOK,
                "{'url': 'https://hooks.example.com/alerts?x=1', 'headers': {'X-Token': 'tok-123', 'X-Team': 'ops'}}");
        WebhookSettings moved = (WebhookSettings) ChannelSettings.read(ChannelType.WEBHOOK,
                ChannelFiltersTest.json("{'url': 'https://other.example.com/'}"), hook, DEFAULTS);
        assertEquals(Map.of("X-Token", "tok-123", "X-Team", "ops"), moved.headers());

        SlackSettings slack = (SlackSettings) read(ChannelType.SLACK,
                "{'webhook_url': 'https://hooks.slack.com/services/T0/B0/SECRET', 'channel': '#ops'}");
        SlackSettings renamed = (SlackSettings) ChannelSettings.read(ChannelType.SLACK,
                ChannelFiltersTest.json("{'channel': '#oncall'}"), slack, DEFAULTS);
        assertEquals(slack.webhookUrl(), renamed.webhookUrl());
        assertEquals("#oncall", renamed.channel());
    }

    @Test
    void webhookUrlsAndHeadersAreChecked() {
        WebhookSettings hook = (WebhookSettings) read(ChannelType.WEBHOOK,
                "{'url': 'http://127.0.0.1:9000/hook', 'headers': {'Authorization': 'Bearer abc'}, 'timeout_s': 3}");
        assertEquals(3, hook.timeoutSeconds());
        JsonObject shown = hook.publicJson();
        assertEquals("[\"Authorization\"]", shown.getJsonArray("header_names").toString());
        assertFalse(shown.toString().contains("Bearer abc"));
        assertEquals(10, ((WebhookSettings) read(ChannelType.WEBHOOK, "{'url': 'https://a.example'}")).timeoutSeconds());

        assertEquals("settings.url must be an absolute http or https URL with a host, got 'ftp://example.com/x'",
                refused(ChannelType.WEBHOOK, "{'url': 'ftp://example.com/x'}"));
        assertEquals("settings.url must be an absolute http or https URL with a host, got '/relative'",
                refused(ChannelType.WEBHOOK, "{'url': '/relative'}"));
        assertEquals("settings.url must be an absolute http or https URL, got 'http://exa mple.com'",
                refused(ChannelType.WEBHOOK, "{'url': 'http://exa mple.com'}"));
        assertEquals("settings.url must not hold a user name or password; send credentials in a header",
                refused(ChannelType.WEBHOOK, "{'url': 'https://user:pw@example.com/'}"));
        assertEquals("settings.url is required", refused(ChannelType.WEBHOOK, "{}"));
        assertEquals("settings.headers name 'Content-Length' is set by the server and cannot be given",
                refused(ChannelType.WEBHOOK, "{'url': 'https://a.example', 'headers': {'Content-Length': '1'}}"));
        assertEquals("settings.headers name 'Bad Header' is not a valid HTTP header name",
                refused(ChannelType.WEBHOOK, "{'url': 'https://a.example', 'headers': {'Bad Header': '1'}}"));
        assertEquals("settings.timeout_s must be a whole number from 1 to 60, got 0",
                refused(ChannelType.WEBHOOK, "{'url': 'https://a.example', 'timeout_s': 0}"));
        assertEquals("settings.timeout_s must be a whole number from 1 to 60",
                refused(ChannelType.WEBHOOK, "{'url': 'https://a.example', 'timeout_s': 1.5}"));
        assertTrue(refused(ChannelType.WEBHOOK, "{'url': 'https://a.example', 'method': 'PUT'}")
                .startsWith("settings.method is not a setting of a webhook channel"));
    }

    @Test
    void theSlackUrlIsASecretEvenInErrors() {
        SlackSettings slack = (SlackSettings) read(ChannelType.SLACK,
                "{'webhook_url': 'https://hooks.slack.com/services/T0/B0/SECRET'}");
        assertFalse(slack.publicJson().toString().contains("SECRET"));
        assertTrue(slack.publicJson().getBoolean("webhook_url_set"));
        String message = refused(ChannelType.SLACK, "{'webhook_url': 'hooks.slack.com/services/T0/B0/SECRET'}");
        assertFalse(message.contains("SECRET"), message);
        assertEquals("settings.webhook_url is required (the incoming webhook's URL from Slack)",
                refused(ChannelType.SLACK, "{'channel': '#ops'}"));
    }

    @Test
    void fileChannelsNameAFileNeverAPath() {
        FileSettings file = (FileSettings) read(ChannelType.FILE, "{'file': 'alerts.log'}");
        assertEquals(new FileSettings("alerts.log", "json", 10L * 1024 * 1024, 5), file);
        assertEquals(new FileSettings("a.txt", "text", 2048, 0),
                read(ChannelType.FILE, "{'file': 'a.txt', 'format': 'text', 'max_bytes': 2048, 'keep': 0}"));
        for (String bad : List.of("../etc/passwd", "/tmp/x", "a/b", ".hidden", "a..b", "", "x\\\\y")) {
            String message = refused(ChannelType.FILE, "{'file': '" + bad + "'}");
            assertTrue(message.startsWith("settings.file "), message);
        }
        assertEquals("settings.format must be json or text", refused(ChannelType.FILE, "{'file': 'a', 'format': 'xml'}"));
        assertEquals("settings.max_bytes must be a whole number from 1024 to 1073741824, got 10",
                refused(ChannelType.FILE, "{'file': 'a', 'max_bytes': 10}"));
        assertEquals("settings.keep must be a whole number from 0 to 100, got -1",
                refused(ChannelType.FILE, "{'file': 'a', 'keep': -1}"));
    }

    @Test
    void logChannelsTakeNoSettings() {
        assertEquals(new LogSettings(), read(ChannelType.LOG, "{}"));
        assertTrue(refused(ChannelType.LOG, "{'level': 'INFO'}").startsWith("settings.level is not a setting of a log channel"));
    }

    @Test
    void storedSettingsComeBackWhole() {
        for (ChannelSettings settings : List.of(
                read(ChannelType.EMAIL, "{'host': 'h', 'from': 'a@b.c', 'to': ['x@y.z'], 'username': 'u', 'password': 'p'}"),
                read(ChannelType.WEBHOOK, "{'url': 'https://a.example/x', 'headers': {'X-Token': 't'}}"),
                read(ChannelType.SLACK, "{'webhook_url': 'https://hooks.slack.com/services/T/B/S', 'username': 'mon'}"),
                read(ChannelType.FILE, "{'file': 'f.log', 'format': 'text'}"),
                read(ChannelType.LOG, "{}"))) {
            assertEquals(settings, ChannelSettings.stored(settings.type(), settings.storedJson().toString(),
                    settings.secretsJson().toString(), DEFAULTS));
        }
    }
}
