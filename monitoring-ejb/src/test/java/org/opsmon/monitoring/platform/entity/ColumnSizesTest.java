package org.opsmon.monitoring.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The constants validation uses are the sizes the migrations give the columns, for every database. */
class ColumnSizesTest {

    private static final Path MIGRATIONS = Path.of("..", "db");
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern VARCHAR_COLUMN = Pattern.compile("^\\s*(\\w+)\\s+VARCHAR\\s*\\((\\d+)\\)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern ALTER_COLUMN = Pattern.compile(
            "ALTER TABLE (\\w+) ALTER COLUMN (\\w+) (?:SET DATA )?TYPE VARCHAR\\s*\\((\\d+)\\)", Pattern.CASE_INSENSITIVE);

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void constantsEqualTheColumns(String vendor) {
        Map<String, Integer> sizes = varcharSizes(vendor);
        assertEquals(sizes.get("account.username"), ColumnSizes.ACCOUNT_USERNAME);
        assertEquals(sizes.get("client.name"), ColumnSizes.CLIENT_NAME);
        assertEquals(sizes.get("command_event.username"), ColumnSizes.COMMAND_USERNAME);
        assertEquals(sizes.get("command_event.command"), ColumnSizes.COMMAND_TEXT);
        assertEquals(sizes.get("series.metric"), ColumnSizes.SERIES_METRIC);
        assertEquals(sizes.get("series.labels"), ColumnSizes.SERIES_LABELS);
        assertEquals(sizes.get("notification_channel.name"), ColumnSizes.NOTIFICATION_CHANNEL_NAME);
        assertEquals(sizes.get("notification.last_error"), ColumnSizes.NOTIFICATION_ERROR);
        assertEquals(sizes.get("notification_channel.last_error"), ColumnSizes.NOTIFICATION_ERROR);
        assertEquals(sizes.get("alert_rule.name"), ColumnSizes.ALERT_RULE_NAME);
        assertEquals(sizes.get("alert.rule_name"), ColumnSizes.ALERT_RULE_NAME);
        assertEquals(sizes.get("alert_rule.labels"), ColumnSizes.SERIES_LABELS);
        assertEquals(sizes.get("alert.labels"), ColumnSizes.SERIES_LABELS);
        assertEquals(sizes.get("alert.metric"), ColumnSizes.SERIES_METRIC);
        assertEquals(sizes.get("alert.message"), ColumnSizes.ALERT_MESSAGE);
        assertEquals(sizes.get("alert.acknowledged_by"), ColumnSizes.ACCOUNT_USERNAME);
        assertEquals(sizes.get("device_event.source_address"), ColumnSizes.DEVICE_EVENT_SOURCE);
        assertEquals(sizes.get("device_event.hostname"), ColumnSizes.DEVICE_EVENT_HOSTNAME);
        assertEquals(sizes.get("device_event.app_name"), ColumnSizes.DEVICE_EVENT_APP_NAME);
        assertEquals(sizes.get("device_event.trap_oid"), ColumnSizes.DEVICE_EVENT_TRAP_OID);
        assertEquals(sizes.get("device_event.message"), ColumnSizes.DEVICE_EVENT_MESSAGE);
    }

    /** table.column → size of every VARCHAR column after all migrations, in version order. */
    static Map<String, Integer> varcharSizes(String vendor) {
        List<Path> files = new ArrayList<>(migrations("common"));
        files.addAll(migrations(vendor));
        files.sort(Comparator.comparingInt(ColumnSizesTest::version));
        assertFalse(files.isEmpty(), "no migrations under " + MIGRATIONS.toAbsolutePath());
        Map<String, Integer> sizes = new HashMap<>();
        for (Path file : files) {
            String sql = read(file).replaceAll("--[^\\n]*", "");
            Matcher table = CREATE_TABLE.matcher(sql);
            while (table.find()) {
                Matcher column = VARCHAR_COLUMN.matcher(table.group(2));
                while (column.find()) {
                    sizes.put(key(table.group(1), column.group(1)), Integer.parseInt(column.group(2)));
                }
            }
            Matcher altered = ALTER_COLUMN.matcher(sql);
            while (altered.find()) {
                sizes.put(key(altered.group(1), altered.group(2)), Integer.parseInt(altered.group(3)));
            }
        }
        return sizes;
    }

    private static String key(String table, String column) {
        return table.toLowerCase(java.util.Locale.ROOT) + "." + column.toLowerCase(java.util.Locale.ROOT);
    }

    private static List<Path> migrations(String folder) {
        Path dir = MIGRATIONS.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> VERSION.matcher(f.getFileName().toString()).matches()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path file) {
        Matcher m = VERSION.matcher(file.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
