package org.opsmon.monitoring.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what Linux says about the processes under test, from {@code /proc}: resident memory of
 * the server and CPU seconds of the server and of PostgreSQL. Load generator and server share
 * the machine, so the CPU split is what tells whether a figure is the server's limit or the
 * machine's. Everything here degrades to "unknown" rather than failing the run.
 */
final class ProcessProbe {

    /** USER_HZ, the unit of /proc/PID/stat times; 100 on every mainstream Linux architecture. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern SS_PID = Pattern.compile("pid=(\\d+)");

    private ProcessProbe() {
    }

    /** The process listening on the TCP port, as {@code ss} reports it (only visible for our own processes). */
    static OptionalLong listenerOf(int port) {
        try {
            Process ss = new ProcessBuilder("ss", "-Hltnp", "sport = :" + port).redirectErrorStream(true).start();
            String out;
            try (InputStream in = ss.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!ss.waitFor(5, TimeUnit.SECONDS)) {
                ss.destroy();
                return OptionalLong.empty();
            }
            Matcher m = SS_PID.matcher(out);
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /**
     * The server's process: {@code given} (the --server-pid option) if set, else the process of
     * ours that listens on the server URL's port; -1, said on standard output, when there is none
     * and the figures named by {@code unreported} cannot be read.
     */
    static long serverPid(Long given, String server, String unreported) {
        if (given != null) {
            return given;
        }
        int port = java.net.URI.create(server).getPort();
        OptionalLong pid = listenerOf(port == -1 ? 80 : port);
        if (pid.isEmpty()) {
            System.out.println("note: no process of ours listens on port " + port + "; " + unreported
                    + " are not reported (pass --server-pid)");
        }
        return pid.orElse(-1);
    }

    /** A {@code kB} field of /proc/PID/status such as VmRSS or VmHWM, in bytes; -1 if unreadable. */
    static long statusBytes(long pid, String field) {
        long kib = statusNumber(pid, field);
        return kib < 0 ? -1 : kib * 1024;
    }

    /** The number a field of /proc/PID/status starts with, such as Threads; -1 if unreadable. */
    static long statusNumber(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(parts[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Open file descriptors (files, sockets, pipes) of the process; -1 if unreadable. */
    static long openFiles(long pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            long count = 0;
            for (Path ignored : fds) {
                count++;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** User plus system CPU seconds the process has used so far; -1 if it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may contain spaces and parentheses; the fields after the last ')' are fixed.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds of each PostgreSQL process visible in /proc, by process id. With a database name,
     * only the backends serving that database count (their process title names it), which leaves
     * out other users of the same cluster; without one, every postgres process counts, background
     * writers included. Callers diff two readings per process, so backends that start or end
     * during a run neither vanish nor go negative.
     */
    static Map<Long, Double> postgresCpuSeconds(String database) {
        Map<Long, Double> cpu = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String title = commandLine(process);
                if (!title.startsWith("postgres")) {
                    continue;
                }
                if (database != null && !title.contains(" " + database + " ")) {
                    continue;
                }
                long pid = Long.parseLong(process.getFileName().toString());
                double seconds = cpuSeconds(pid);
                if (seconds >= 0) {
                    cpu.put(pid, seconds);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return cpu;
    }

    /** CPU seconds spent between two readings of {@link #postgresCpuSeconds}. */
    static double spentBetween(Map<Long, Double> before, Map<Long, Double> after) {
        double spent = 0;
        for (Map.Entry<Long, Double> process : after.entrySet()) {
            spent += Math.max(0, process.getValue() - before.getOrDefault(process.getKey(), 0.0));
        }
        return spent;
    }

    /**
     * Busy and total CPU ticks of the whole machine from the first line of /proc/stat; the busy
     * share beyond server, database and load generator is whatever else ran at the same time.
     */
    static long[] machineTicks() {
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.findFirst().orElse("").trim().split("\\s+");
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already inside user.
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    private static String commandLine(Path process) {
        try {
            return new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
