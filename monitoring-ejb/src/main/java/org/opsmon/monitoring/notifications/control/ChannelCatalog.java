package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.opsmon.monitoring.notifications.entity.ChannelFilters;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.NotificationChannel;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * The channels as people manage them: created, changed, disabled and removed through the API,
 * each request validated whole before anything changes. Joins the caller's transaction.
 */
@ApplicationScoped
public class ChannelCatalog {

    /** Letters first, so a name is never mistaken for an id in a URL. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 ._-]{0," + (NotificationChannel.MAX_NAME - 1) + "}");
    static final Set<String> WRITABLE = Set.of("name", "type", "settings", "filters", "enabled");
    /** Members of an answer a client may send back unchanged; they are ignored. */
    static final Set<String> READ_ONLY = Set.of("id", "handled", "errors", "last_error", "last_error_at", "created_at",
            "updated_at", "pending");

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Inject
    ChannelRoster roster;

    @Inject
    NotificationConfiguration configuration;

    public List<NotificationChannel> all() {
        return em.createNamedQuery(NotificationChannel.ALL, NotificationChannel.class).getResultList();
    }

    /** A channel by id or name; 404 otherwise. */
    public NotificationChannel require(String idOrName) {
        String wrong = TextRule.problem(idOrName, NotificationChannel.MAX_NAME);
        if (wrong != null) {
            throw RequestProblem.badRequest("invalid_channel", "channel " + wrong);
        }
        NotificationChannel channel = null;
        if (idOrName.matches("\\d{1,18}")) {
            channel = em.find(NotificationChannel.class, Long.parseLong(idOrName));
        } else {
            channel = em.createNamedQuery(NotificationChannel.BY_NAME, NotificationChannel.class)
                    .setParameter("name", idOrName).getResultStream().findFirst().orElse(null);
        }
        if (channel == null) {
            throw RequestProblem.notFound("No notification channel '" + idOrName + "'");
        }
        return channel;
    }

    public NotificationChannel create(JsonObject request) {
        checkMembers(request);
        String name = name(request.get("name"));
        ChannelType type = ChannelType.of(text(request.get("type"), "type"));
        ChannelSettings settings = ChannelSettings.read(type, object(request.get("settings"), "settings"), null,
                configuration.settingDefaults());
        ChannelFilters filters = ChannelFilters.read(object(request.get("filters"), "filters"));
        boolean enabled = enabled(request.get("enabled"), true);
        long count = em.createNamedQuery(NotificationChannel.COUNT, Long.class).getSingleResult();
        if (count >= configuration.maxChannels()) {
            throw RequestProblem.conflict("channel_limit", "There are already " + count
                    + " notification channels, the most allowed (monitoring.notify.channels.max, MONITORING_NOTIFY_CHANNELS_MAX)");
        }
        checkNameFree(name, null);
        NotificationChannel channel = NotificationChannel.create(name, settings, roster.seal(settings), filters, enabled,
                now());
        em.persist(channel);
        em.flush();
        return channel;
    }

    /**
     * Changes a channel. Members left out keep their value; {@code settings}, when given, replace
     * the settings whole except secrets left out, which are kept (a client never needs to know
     * them to change something else). Disabling a channel fails what it still had pending.
     */
    public NotificationChannel update(NotificationChannel channel, JsonObject request) {
        checkMembers(request);
        String name = request.containsKey("name") ? name(request.get("name")) : channel.name();
        ChannelType type = request.containsKey("type") ? ChannelType.of(text(request.get("type"), "type")) : channel.type();
        ChannelSettings current = currentSettings(channel);
        ChannelSettings settings;
        if (request.containsKey("settings") && request.get("settings").getValueType() != JsonValue.ValueType.NULL) {
            settings = ChannelSettings.read(type, object(request.get("settings"), "settings"), current,
                    configuration.settingDefaults());
        } else if (type == channel.type() && current != null) {
            settings = current;
        } else {
            throw RequestProblem.badRequest("invalid_settings", type == channel.type()
                    ? "settings are required: the stored ones cannot be read (" + problemOf(channel) + ")"
                    : "settings are required when the type changes");
        }
        ChannelFilters filters = request.containsKey("filters")
                ? ChannelFilters.read(object(request.get("filters"), "filters")) : channel.filters();
        boolean enabled = enabled(request.get("enabled"), channel.enabled());
        checkNameFree(name, channel.id());
        boolean disabling = channel.enabled() && !enabled;
        channel.reconfigure(name, settings, roster.seal(settings), filters, enabled, now());
        if (disabling) {
            em.createNativeQuery("UPDATE notification SET status = 'failed', claimed_until = NULL, "
                    + "last_error = 'The channel was disabled before this was delivered' "
                    + "WHERE channel_id = ?1 AND status = 'pending'").setParameter(1, channel.id()).executeUpdate();
        }
        em.flush();
        return channel;
    }

    /** Removes the channel and its notifications. */
    public void delete(NotificationChannel channel) {
        em.remove(channel);
        em.flush();
    }

    /** The channel's settings with secrets opened, or null when they cannot be read (a changed key). */
    public ChannelSettings currentSettings(NotificationChannel channel) {
        try {
            return roster.settings(channel.type(), channel.settingsJson(), channel.sealedSecrets());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What the API shows of a channel's settings: never a secret. */
    public JsonObject publicSettings(NotificationChannel channel) {
        ChannelSettings settings = currentSettings(channel);
        return settings == null ? parse(channel.settingsJson()) : settings.publicJson();
    }

    /** Notifications of the channel still pending. */
    public long pending(NotificationChannel channel) {
        return ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM notification WHERE channel_id = ?1 AND status = 'pending'")
                .setParameter(1, channel.id()).getSingleResult()).longValue();
    }

    private String problemOf(NotificationChannel channel) {
        try {
            roster.settings(channel.type(), channel.settingsJson(), channel.sealedSecrets());
            return "unknown";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private void checkNameFree(String name, Long self) {
        em.createNamedQuery(NotificationChannel.BY_NAME, NotificationChannel.class).setParameter("name", name)
                .getResultStream().filter(other -> !other.id().equals(self)).findFirst().ifPresent(other -> {
                    throw RequestProblem.conflict("name_taken", "A notification channel named '" + name
                            + "' already exists");
                });
    }

    private static void checkMembers(JsonObject request) {
        Set<String> unknown = new TreeSet<>(request.keySet());
        unknown.removeAll(WRITABLE);
        unknown.removeAll(READ_ONLY);
        if (!unknown.isEmpty()) {
            throw RequestProblem.badRequest("invalid_request", "Unknown member(s) " + String.join(", ", unknown)
                    + "; a channel has " + String.join(", ", new TreeSet<>(WRITABLE)));
        }
    }

    static String name(JsonValue value) {
        String name = text(value, "name");
        if (name == null || name.isBlank()) {
            throw RequestProblem.badRequest("invalid_name", "name is required");
        }
        String wrong = TextRule.violation(name);
        if (wrong != null) {
            throw RequestProblem.badRequest("invalid_name", "name " + wrong);
        }
        if (!NAME.matcher(name).matches()) {
            throw RequestProblem.badRequest("invalid_name", "name must be 1-" + NotificationChannel.MAX_NAME
                    + " characters: a letter, then letters, digits, spaces, '.', '_' or '-'");
        }
        return name;
    }

    private static String text(JsonValue value, String member) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof jakarta.json.JsonString string)) {
            throw RequestProblem.badRequest("invalid_" + member, member + " must be a string");
        }
        return string.getString();
    }

    private static JsonObject object(JsonValue value, String member) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonObject object)) {
            throw RequestProblem.badRequest("invalid_" + member, member + " must be an object");
        }
        return object;
    }

    private static boolean enabled(JsonValue value, boolean fallback) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return fallback;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw RequestProblem.badRequest("invalid_request", "enabled must be true or false");
    }

    private static JsonObject parse(String json) {
        return org.opsmon.monitoring.platform.entity.Jsons.reader(new java.io.StringReader(json)).readObject();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
