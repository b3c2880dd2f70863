package org.opsmon.monitoring.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.opsmon.monitoring.agent.config.Converters;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The command line of {@link PollLoad}. Durations read as the agent reads them (500ms, 30s, 2m, 1h). */
@Command(name = "poll-load", sortOptions = false,
        description = "Simulates SNMP devices on loopback ports, registers them with the server and reports how it polls them.")
final class PollOptions implements Callable<Integer> {

    /** UDP ports stop at 65535; the bench stays below it with room for the last device. */
    private static final int LAST_PORT = 65535;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions connection = new ServerOptions();

    @Option(names = "--devices", paramLabel = "N", defaultValue = "100",
            description = "simulated devices, one UDP port each [${DEFAULT-VALUE}]")
    private int devices;

    @Option(names = "--interfaces", paramLabel = "N", defaultValue = "24",
            description = "interfaces per device, 8 counters each [${DEFAULT-VALUE}]")
    private int interfaces;

    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "poll_interval_s of every device (the server's minimum is monitoring.snmp.poll.min-interval-s) [${DEFAULT-VALUE}]")
    private int pollInterval;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "20161",
            description = "UDP port of the first device on 127.0.0.1; the others follow [${DEFAULT-VALUE}]")
    private int basePort;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "2m", converter = Converters.HumanDuration.class,
            description = "measured time (s, m) [${DEFAULT-VALUE}]")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.HumanDuration.class,
            description = "polling left unmeasured after the devices are added, while the JIT and pools settle [${DEFAULT-VALUE}]")
    private Duration warmup;

    @Option(names = "--device-prefix", paramLabel = "TEXT", defaultValue = "sim-",
            description = "device names are the prefix plus 0001, 0002, ... [${DEFAULT-VALUE}]")
    private String devicePrefix;

    @Option(names = "--database", paramLabel = "NAME",
            description = "PostgreSQL database of the server, to attribute backend CPU time to it")
    private String database;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    @Override
    public Integer call() {
        connection.validate(spec);
        if (devices < 1 || interfaces < 1) {
            throw new ParameterException(spec.commandLine(), "--devices and --interfaces must be at least 1");
        }
        if (pollInterval < 1) {
            throw new ParameterException(spec.commandLine(), "--poll-interval must be at least 1 second");
        }
        if (basePort < 1024 || basePort + devices - 1 > LAST_PORT) {
            throw new ParameterException(spec.commandLine(), "--base-port " + basePort + " with " + devices
                    + " devices needs ports 1024-" + LAST_PORT);
        }
        if (duration.toSeconds() < 1 || warmup.isNegative()) {
            throw new ParameterException(spec.commandLine(), "--duration must be at least 1 s and --warmup not negative");
        }
        return PollLoad.measure(this);
    }

    static int execute(String... args) {
        return new CommandLine(new PollOptions()).execute(args);
    }

    String server() {
        return connection.server();
    }

    String adminPassword() {
        return connection.adminPassword();
    }

    Long serverPid() {
        return connection.serverPid();
    }

    int devices() {
        return devices;
    }

    int interfaces() {
        return interfaces;
    }

    int pollInterval() {
        return pollInterval;
    }

    int basePort() {
        return basePort;
    }

    Duration duration() {
        return duration;
    }

    Duration warmup() {
        return warmup;
    }

    String devicePrefix() {
        return devicePrefix;
    }

    String database() {
        return database;
    }
}
