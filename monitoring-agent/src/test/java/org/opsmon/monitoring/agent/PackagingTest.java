package org.opsmon.monitoring.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.agent.cli.AgentCommand;
import org.opsmon.monitoring.agent.config.AgentSettings;

/**
 * What an operator installs: the install script, the systemd unit and the configuration
 * template, checked as files on disk (the script runs for real, into a scratch tree).
 */
class PackagingTest {

    static final Path PACKAGING = Path.of("packaging");

    record Run(int exit, String output) {
    }

    static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finishes");
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void installScriptLaysOutPrivateConfigAndKeepsAnEditedOne(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("monitoring-agent.jar"), new byte[] {'P', 'K', 3, 4});
        Path root = dir.resolve("root");
        String script = PACKAGING.resolve("install.sh").toString();

        Run first = run(Map.of("DESTDIR", root.toString()), "sh", script, jar.toString());
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("wrote /etc/monitoring-agent/agent.properties"), first.output());
        Path config = root.resolve("etc/monitoring-agent/agent.properties");
        assertEquals("rwx------", mode(root.resolve("etc/monitoring-agent")));
        assertEquals("rw-------", mode(config), "the config holds a password");
        assertEquals("rwx------", mode(root.resolve("var/lib/monitoring-agent")));
        assertEquals("rw-r--r--", mode(root.resolve("opt/monitoring-agent/monitoring-agent.jar")));
        assertEquals("rwxr-xr-x", mode(root.resolve("opt/monitoring-agent/bin/monitoring-agent")));
        assertEquals(Files.readString(PACKAGING.resolve("jvm.options")),
                Files.readString(root.resolve("opt/monitoring-agent/jvm.options")));
        assertEquals(Files.readString(PACKAGING.resolve("monitoring-agent.service")),
                Files.readString(root.resolve("etc/systemd/system/monitoring-agent.service")));

        Files.writeString(config, "server=http://10.0.0.5:8080\nusername=db-01\npassword=edited-secret\n");
        Run again = run(Map.of("DESTDIR", root.toString()), "sh", script, jar.toString());
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("kept existing"), again.output());
        assertTrue(Files.readString(config).contains("edited-secret"), "an upgrade keeps the operator's config");
    }

    @Test
    void installScriptRefusesAMissingJar(@TempDir Path dir) throws Exception {
        Run run = run(Map.of("DESTDIR", dir.toString()), "sh", PACKAGING.resolve("install.sh").toString(),
                dir.resolve("nowhere.jar").toString());
        assertEquals(2, run.exit());
        assertTrue(run.output().contains("nowhere.jar not found"), run.output());
        assertTrue(List.of(dir.toFile().list()).isEmpty(), "nothing installed");
    }

    @Test
    void configTemplateIsValidAsShipped() throws IOException {
        AgentSettings settings = AgentCommand.parse(Map.of(), "--config", PACKAGING.resolve("agent.properties").toString());
        assertEquals(URI.create("http://monitor.example.org:8080"), settings.server());
        assertEquals(Duration.ofSeconds(10), settings.interval());
        assertEquals(Path.of("/var/lib/monitoring-agent/spool"), settings.spool(), "inside the unit's writable path");
        assertTrue(settings.service(), "under systemd the agent keeps retrying");
    }

    @Test
    void unitRunsTheInstalledLauncher() throws IOException {
        String unit = Files.readString(PACKAGING.resolve("monitoring-agent.service"));
        Matcher exec = Pattern.compile("(?m)^ExecStart=/bin/sh /opt/monitoring-agent/bin/monitoring-agent (.*)$").matcher(unit);
        assertTrue(exec.find(), "ExecStart runs the launcher, which applies jvm.options");
        assertTrue(exec.group(1).contains("--config /etc/monitoring-agent/agent.properties"), exec.group(1));
        assertTrue(unit.contains("ReadWritePaths=/var/lib/monitoring-agent"), "the spool is writable under ProtectSystem");
    }

    @Test
    void installedLauncherRunsTheJarWithTheFlagsOfJvmOptions(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("monitoring-agent.jar"), new byte[] {'P', 'K', 3, 4});
        Path root = dir.resolve("root");
        assertEquals(0, run(Map.of("DESTDIR", root.toString()), "sh", PACKAGING.resolve("install.sh").toString(),
                jar.toString()).exit());
        // A stand-in for java that prints what it was started with.
        Path java = Files.writeString(dir.resolve("java"), "#!/bin/sh\necho \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\n"
                + "for a in \"$@\"; do echo \"$a\"; done\n");
        assertTrue(java.toFile().setExecutable(true));
        Path launcher = root.resolve("opt/monitoring-agent/bin/monitoring-agent");
        Run started = run(Map.of("JAVA", java.toString(), "MONITORING_AGENT_JAVA_OPTS", "-Dextra=1"),
                launcher.toString(), "--once", "--log-level", "FINE");
        assertEquals(0, started.exit(), started.output());

        List<String> flags = Files.readAllLines(PACKAGING.resolve("jvm.options")).stream()
                .map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
        assertTrue(flags.contains("-Xmx32m") && flags.contains("-XX:ActiveProcessorCount=2"), flags.toString());
        List<String> expected = new java.util.ArrayList<>();
        expected.add("MALLOC_ARENA_MAX=2");
        expected.addAll(flags);
        expected.addAll(List.of("-Dextra=1", "-jar", launcher.getParent().resolve("../monitoring-agent.jar").toString(),
                "--once", "--log-level", "FINE"));
        assertEquals(expected, started.output().lines().toList());
    }

    @Test
    void systemdAcceptsTheUnit(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")),
                "systemd-analyze is installed (.ci/run installs it)");
        Path unit = Files.copy(PACKAGING.resolve("monitoring-agent.service"), dir.resolve("monitoring-agent.service"));
        Run verify = run(Map.of(), "/usr/bin/systemd-analyze", "verify", unit.toString());
        assertEquals(0, verify.exit(), verify.output());
        assertEquals("", verify.output().strip(), "systemd reports no ignored or invalid setting");
    }
}
