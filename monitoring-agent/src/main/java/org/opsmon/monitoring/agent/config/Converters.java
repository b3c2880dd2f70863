package org.opsmon.monitoring.agent.config;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import org.opsmon.monitoring.agent.delivery.Transport;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the agent's value types. A value means the same whether it came from a
 * flag or from the config file because both go through the same converter; a converter's
 * complaint never names the key, the command line adds it (and the file, when it came from there).
 */
public final class Converters {

    private static final Set<String> LEVELS = Set.of("SEVERE", "WARNING", "INFO", "FINE", "FINER", "FINEST", "ALL", "OFF");

    private Converters() {
    }

    private static <T> T convert(Function<String, T> parser, String text) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h} or plain seconds, see {@link Durations#parse}. */
    public static final class HumanDuration implements ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String text) {
            return Converters.convert(Durations::parse, text);
        }
    }

    /** {@code 100MiB}, {@code 512k} or plain bytes, see {@link Durations#parseBytes}. */
    public static final class ByteSize implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(Durations::parseBytes, text);
        }
    }

    /** An http(s) base URL with a host; a trailing slash is dropped so paths can be appended. */
    public static final class ServerUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String text) {
            try {
                URI u = URI.create(text.trim());
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                String s = u.toString();
                return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("must be an http(s) URL such as http://host:8080, not '" + text + "'");
            }
        }
    }

    /** A file or directory; an empty value in the config file means "not set". */
    public static final class FilePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.isBlank()) {
                return null;
            }
            try {
                return Path.of(text.trim());
            } catch (InvalidPathException e) {
                throw new TypeConversionException("'" + text + "' is not a file path");
            }
        }
    }

    public static final class TransportName implements ITypeConverter<Transport> {
        @Override
        public Transport convert(String text) {
            return Converters.convert(Transport::parse, text);
        }
    }

    /** java.util.logging level names, in any case. */
    public static final class LogLevel implements ITypeConverter<Level> {
        @Override
        public Level convert(String text) {
            String name = text.trim().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(name)) {
                throw new TypeConversionException("must be one of SEVERE, WARNING, INFO, FINE, FINEST, not '" + text + "'");
            }
            return Level.parse(name);
        }
    }

    /** Config files say yes/no and 1/0 as often as true/false. */
    public static final class YesNo implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("1")) {
                return true;
            }
            if (t.equals("false") || t.equals("no") || t.equals("0")) {
                return false;
            }
            throw new TypeConversionException("must be true or false, not '" + text + "'");
        }
    }
}
