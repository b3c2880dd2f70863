package org.opsmon.monitoring.notifications.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.regex.Pattern;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * A file in the server's notification directory. The API names only the file, never a path:
 * whoever may configure channels must not be able to write anywhere the server's user can.
 *
 * @param file     a plain file name inside the notification directory
 * @param format   {@code json} (one JSON object per line) or {@code text} (one readable line per alert)
 * @param maxBytes the size beyond which the file is rotated ({@code file.1}, {@code file.2}, …)
 * @param keep     how many rotated files are kept (0: the full file is simply started again)
 */
public record FileSettings(String file, String format, long maxBytes, int keep) implements ChannelSettings {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final long MIN_BYTES = 1024;
    static final long MAX_BYTES = 1024L * 1024 * 1024;
    static final int MAX_KEEP = 100;

    @Override
    public ChannelType type() {
        return ChannelType.FILE;
    }

    public boolean json() {
        return format.equals("json");
    }

    @Override
    public JsonObject storedJson() {
        return Jsons.object().add("file", file).add("format", format).add("max_bytes", maxBytes).add("keep", keep).build();
    }

    @Override
    public JsonObject secretsJson() {
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    static FileSettings read(JsonMembers members, SettingDefaults defaults) {
        members.only(Set.of("file", "format", "max_bytes", "keep"), "a file channel");
        String file = members.requiredText("file", 100);
        if (!NAME.matcher(file).matches() || file.contains("..")) {
            throw members.problem("file", "must be a plain file name (letters, digits, '.', '_', '-', starting with a"
                    + " letter or digit, at most 100 characters); files live in the server's notification directory");
        }
        String format = members.text("format", 8);
        if (format == null) {
            format = "json";
        } else if (!format.equals("json") && !format.equals("text")) {
            throw members.problem("format", "must be json or text");
        }
        long maxBytes = members.number("max_bytes", MIN_BYTES, MAX_BYTES, defaults.fileMaxBytes());
        int keep = (int) members.number("keep", 0, MAX_KEEP, defaults.fileKeep());
        return new FileSettings(file, format, maxBytes, keep);
    }
}
