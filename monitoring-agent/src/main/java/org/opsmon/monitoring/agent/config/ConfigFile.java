package org.opsmon.monitoring.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The config file and the environment as picocli's source of defaults. For a settings option that
 * is not given as a flag the value is the environment variable (password and enrollment secret
 * only), else the file's key named like the option without dashes, else nothing, so the option's
 * declared default applies. picocli asks only after it has read the flags, which is what lets
 * {@code --config} name the file.
 *
 * <p>A missing default file is normal (flags only); a missing file the operator named is an error,
 * because silently running without it hides a typo. So are keys no option knows.
 */
public final class ConfigFile implements IDefaultValueProvider {

    private final CommandSpec settings;
    private final CommandLine commandLine;
    private final Supplier<Path> named;
    private final Map<String, String> env;
    private final Map<OptionSpec, String> sources = new HashMap<>();
    private Path file;
    private Map<String, String> values;
    private String problem;

    /**
     * @param commandLine the agent's command line, with the {@link AgentSettings} mixin named
     *                    {@code settings}, whose options are the file's plain keys
     * @param named       the {@code --config} flag's value, null when not given
     */
    public ConfigFile(CommandLine commandLine, Supplier<Path> named, Map<String, String> env) {
        this.commandLine = commandLine;
        this.settings = commandLine.getCommandSpec().mixins().get("settings");
        this.named = named;
        this.env = env;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        // The one multi-value option, --collector-interval, is spelled interval.<name> in the file.
        if (!(arg instanceof OptionSpec option) || !settings.options().contains(option) || option.isMultiValue()) {
            return null;
        }
        // Help describes the built-in defaults and works whatever state the file is in.
        if (commandLine.isUsageHelpRequested() || commandLine.isVersionHelpRequested()) {
            return null;
        }
        for (String key : keys(option)) {
            String variable = AgentSettings.ENVIRONMENT.get(key);
            String value = variable == null ? null : env.get(variable);
            if (value != null && !value.isEmpty()) {
                sources.put(option, key + " from " + variable);
                return value;
            }
        }
        for (String key : keys(option)) {
            String value = values().get(key);
            if (value != null) {
                sources.put(option, key + " in " + file);
                return value;
            }
        }
        return null;
    }

    /**
     * The names an option goes by in the file, the preferred first: {@code service} over its older
     * spelling {@code wait-for-server}, the other options have one.
     */
    private static List<String> keys(OptionSpec option) {
        List<String> keys = new ArrayList<>();
        for (String name : option.names()) {
            keys.add(0, name.replaceFirst("^-+", ""));
        }
        return keys;
    }

    /** How to name an option's value in a complaint: its key and where it came from, or its flag. */
    public String describe(OptionSpec option) {
        String source = sources.get(option);
        return source != null ? source : option.longestName();
    }

    /** Fails, with a sentence naming the file or the key, when the file is unusable or holds an unknown key. */
    public void check() {
        values();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        for (String key : values.keySet()) {
            if (!isKnown(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file);
            }
        }
    }

    private boolean isKnown(String key) {
        if (AgentSettings.isCollectorKey(key)) {
            return true;
        }
        for (OptionSpec option : settings.options()) {
            if (!option.isMultiValue() && keys(option).contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** The file's {@code interval.<collector>} and {@code timeout.<collector>} keys. */
    Map<String, String> collectorKeys() {
        Map<String, String> out = new TreeMap<>();
        values().forEach((k, v) -> {
            if (AgentSettings.isCollectorKey(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Map<String, String> values() {
        if (values == null) {
            Path given = named.get();
            file = given != null ? given : AgentSettings.DEFAULT_CONFIG;
            values = new TreeMap<>();
            try {
                values = read(file);
            } catch (NoSuchFileException e) {
                if (given != null) {
                    problem = "config file " + file + " not found";
                }
            } catch (IOException e) {
                problem = "cannot read config file " + file + " (" + e.getMessage() + ")";
            }
        }
        return values;
    }

    private static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k.trim(), p.getProperty(k).trim());
        }
        return out;
    }
}
