package org.opsmon.monitoring.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server process from the outside: resident memory, threads and open files from
 * {@code /proc}, and the heap after a full collection through {@code jcmd} (the JDK's attach
 * tool; it works for processes of the same user). Forcing the collection is what makes heap
 * figures comparable across minutes: without it the heap in use is mostly garbage waiting for
 * the next young collection. Each sample pauses the server once for that collection, which shows
 * in the latency of its minute.
 */
final class ServerSampler {

    private static final long JCMD_TIMEOUT_SECONDS = 60;

    private final long pid;
    private final String jcmd;
    private String lastProblem;

    ServerSampler(long pid) {
        this.pid = pid;
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }

    boolean alive() {
        return Files.isDirectory(Path.of("/proc", Long.toString(pid)));
    }

    ServerSample sample(long second) {
        long heap = -1;
        long metaspace = -1;
        String gc = run("GC.run");
        String info = gc == null ? null : run("GC.heap_info");
        if (info != null) {
            HeapInfo parsed = HeapInfo.parse(info).orElse(null);
            if (parsed == null) {
                lastProblem = "jcmd GC.heap_info printed no heap figure this tool knows";
            } else {
                heap = parsed.heapUsed();
                metaspace = parsed.metaspaceUsed();
            }
        }
        return new ServerSample(second, ProcessProbe.statusBytes(pid, "VmRSS"), heap, metaspace,
                ProcessProbe.statusNumber(pid, "Threads"), ProcessProbe.openFiles(pid));
    }

    /** Why the last heap figure is missing, or null. */
    String lastProblem() {
        String problem = lastProblem;
        lastProblem = null;
        return problem;
    }

    private String run(String command) {
        Path output = null;
        try {
            // Output goes to a file, not a pipe: reading a pipe would block past the timeout if jcmd hangs.
            output = Files.createTempFile("soak-jcmd", ".txt");
            Process process = new ProcessBuilder(jcmd, Long.toString(pid), command)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                lastProblem = "jcmd " + command + " did not finish within " + JCMD_TIMEOUT_SECONDS + " s";
                return null;
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                lastProblem = "jcmd " + command + " exited with " + process.exitValue() + ": " + firstLine(out);
                return null;
            }
            return out;
        } catch (IOException e) {
            lastProblem = "jcmd could not run: " + e.getMessage();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end);
    }
}
