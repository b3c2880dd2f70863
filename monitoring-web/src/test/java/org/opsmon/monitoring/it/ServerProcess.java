package org.opsmon.monitoring.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The operating system's view of the server under test, found as the process that listens on
 * the test's HTTP port: what the server reports about itself is checked against the kernel.
 */
record ServerProcess(long pid) {

    private static final String LISTEN = "0A";

    static ServerProcess listeningOn(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String local = fields[1];
                int localPort = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
                if (localPort == port && fields[3].equals(LISTEN)) {
                    inodes.add("socket:[" + fields[9] + "]");
                }
            }
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (holdsAny(process, inodes)) {
                    return new ServerProcess(Long.parseLong(process.getFileName().toString()));
                }
            }
        }
        throw new IllegalStateException("No process of this user listens on port " + port);
    }

    private static boolean holdsAny(Path process, Set<String> inodes) {
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return inodes.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException | SecurityException notOurs) {
            return false;
        }
    }

    /** A field of /proc/PID/status as a number, in bytes for the kB fields (VmRSS, ...). */
    long status(String field) throws IOException {
        String line = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith(field + ":")).findFirst().orElseThrow();
        String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        return parts.length > 1 && parts[1].toLowerCase(Locale.ROOT).equals("kb") ? value * 1024 : value;
    }

    long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }
}
