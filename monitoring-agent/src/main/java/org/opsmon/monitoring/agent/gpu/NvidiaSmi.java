package org.opsmon.monitoring.agent.gpu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Fallback reader through the nvidia-smi tool, for hosts where NVML cannot be loaded into the
 * JVM (e.g. a container that only mounts the binary). Its CSV output is parsed defensively:
 * any field may be "[N/A]" or "[Not Supported]" depending on board and driver.
 */
final class NvidiaSmi {

    /** What every driver answers; {@link #QUERY_RESERVED} adds the driver's reserve, which older ones refuse. */
    static final String QUERY = "index,name,driver_version,memory.total,memory.used,utilization.gpu,"
            + "temperature.gpu,power.draw,power.limit";
    static final String QUERY_RESERVED = "index,name,driver_version,memory.total,memory.reserved,memory.used,"
            + "utilization.gpu,temperature.gpu,power.draw,power.limit";

    private static final long MIB = 1L << 20;

    private final Path executable;
    /** Cleared for good once the driver refuses {@code memory.reserved}: it will not learn it while running. */
    private boolean askReserved = true;

    NvidiaSmi(Path executable) {
        this.executable = executable;
    }

    /** Finds nvidia-smi on PATH; empty means this host has no NVIDIA tooling at all. */
    static Optional<NvidiaSmi> locate() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "nvidia-smi");
            if (Files.isExecutable(p)) {
                return Optional.of(new NvidiaSmi(p));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the query. An empty list means the tool ran but found no usable GPU or driver
     * (the host simply has no GPU to report); an exception means the tool itself misbehaved.
     */
    List<GpuReading> read(long timeoutMillis) throws IOException, InterruptedException {
        if (askReserved) {
            try {
                return query(true, timeoutMillis);
            } catch (UnknownFieldException e) {
                askReserved = false;
            }
        }
        return query(false, timeoutMillis);
    }

    /** nvidia-smi refused a field of the query: a driver older than the field. */
    private static final class UnknownFieldException extends IOException {
        UnknownFieldException(String message) {
            super(message);
        }
    }

    private List<GpuReading> query(boolean withReserved, long timeoutMillis) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(executable.toString(), "--query-gpu=" + (withReserved ? QUERY_RESERVED : QUERY),
                "--format=csv,noheader,nounits").redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("nvidia-smi did not answer within " + timeoutMillis + " ms");
            }
            out = readAll(in);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            if (meansNoGpu(text)) {
                return List.of();
            }
            String message = "nvidia-smi exited " + p.exitValue() + ": " + firstLine(text);
            throw refusesAField(text) ? new UnknownFieldException(message) : new IOException(message);
        }
        return parse(text, withReserved);
    }

    static boolean refusesAField(String output) {
        return output.toLowerCase().contains("is not a valid field to query");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toByteArray();
    }

    static boolean meansNoGpu(String output) {
        String t = output.toLowerCase();
        return t.contains("no devices were found") || t.contains("couldn't communicate with the nvidia driver")
                || t.contains("driver/library version mismatch") || t.contains("no nvidia gpu");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** @param withReserved whether the output answers {@link #QUERY_RESERVED} rather than {@link #QUERY} */
    static List<GpuReading> parse(String csv, boolean withReserved) {
        int trailing = withReserved ? 8 : 7;
        List<GpuReading> out = new ArrayList<>();
        for (String raw : csv.split("\\R")) {
            String line = raw.trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length < trailing + 2) {
                throw new IllegalArgumentException("unexpected nvidia-smi line: " + line);
            }
            // Board names may contain commas; the trailing fields never do.
            int tail = f.length - trailing;
            int r = withReserved ? 1 : 0;
            StringBuilder name = new StringBuilder();
            for (int i = 1; i < tail; i++) {
                if (name.length() > 0) {
                    name.append(',');
                }
                name.append(f[i]);
            }
            Double id = number(f[0]);
            out.add(new GpuReading(
                    id == null ? out.size() : id.intValue(),
                    name.toString().trim(),
                    text(f[tail]),
                    mebibytes(f[tail + 1]),
                    withReserved ? mebibytes(f[tail + 2]) : null,
                    mebibytes(f[tail + 2 + r]),
                    number(f[tail + 3 + r]),
                    number(f[tail + 4 + r]),
                    number(f[tail + 5 + r]),
                    number(f[tail + 6 + r])));
        }
        return out;
    }

    private static Long mebibytes(String field) {
        Double v = number(field);
        return v == null ? null : Math.round(v * MIB);
    }

    private static String text(String field) {
        String t = field.trim();
        return t.startsWith("[") ? null : t;
    }

    private static Double number(String field) {
        String t = field.trim();
        if (t.isEmpty() || t.startsWith("[") || t.equalsIgnoreCase("N/A")) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
