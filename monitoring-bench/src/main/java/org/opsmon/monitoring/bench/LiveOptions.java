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

/** The command line of {@link LiveFanout}; durations read as the agent reads them (500ms, 30s, 2m). */
@Command(name = "live-fanout", sortOptions = false,
        description = "Live clients subscribed on /ws/live, sources posting at a steady pace, slow clients reading nothing; "
                + "prints the delivery latency from post to frame.")
final class LiveOptions implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions connection = new ServerOptions();

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000",
            description = "live clients that read every frame and measure it [${DEFAULT-VALUE}]")
    private int clients;

    @Option(names = "--sources", paramLabel = "N", defaultValue = "100",
            description = "sources (bench agents) posting one rich snapshot each per --interval [${DEFAULT-VALUE}]")
    private int sources;

    @Option(names = "--subscribe", paramLabel = "N", defaultValue = "0",
            description = "sources each live client subscribes to, spread evenly; 0 = all of them [${DEFAULT-VALUE}]")
    private int subscribe;

    @Option(names = "--slow", paramLabel = "N", defaultValue = "10",
            description = "live clients that subscribe to every source and then read nothing [${DEFAULT-VALUE}]")
    private int slow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.HumanDuration.class,
            description = "time between two snapshots of one source, at least 1s [${DEFAULT-VALUE}]")
    private Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = Converters.HumanDuration.class,
            description = "measured time [${DEFAULT-VALUE}]")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.HumanDuration.class,
            description = "unmeasured posting first; slow clients are usually dropped during it [${DEFAULT-VALUE}]")
    private Duration warmup;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "3s", converter = Converters.HumanDuration.class,
            description = "how long frames of the last posts may still arrive after the measured time [${DEFAULT-VALUE}]")
    private Duration grace;

    @Option(names = "--receivers", paramLabel = "N", defaultValue = "0",
            description = "HTTP clients (each with its own selector thread) the live clients are spread over; "
                    + "0 = one per 250 live clients [${DEFAULT-VALUE}]")
    private int receivers;

    @Option(names = "--client-prefix", paramLabel = "TEXT", defaultValue = "live-",
            description = "source names are the prefix plus 001, 002, ... [${DEFAULT-VALUE}]")
    private String clientPrefix;

    @Option(names = "--database", paramLabel = "NAME",
            description = "PostgreSQL database of the server, to attribute backend CPU time to it")
    private String database;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "", description = "scenario name echoed in the RESULT line")
    private String label;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    @Override
    public Integer call() {
        connection.validate(spec);
        if (clients < 1 || sources < 1 || slow < 0) {
            throw problem("--clients and --sources must be at least 1, --slow cannot be negative");
        }
        if (subscribe < 0 || subscribe > sources) {
            throw problem("--subscribe must be between 0 (all) and --sources");
        }
        // The snapshot's second is what matches a frame to its post: two posts of a source in one second would clash.
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || duration.isZero() || grace.isNegative() || warmup.isNegative()) {
            throw problem("--interval must be at least 1s, --duration more than 0, --warmup and --grace not negative");
        }
        if (receivers < 0) {
            throw problem("--receivers cannot be negative");
        }
        return LiveFanout.run(this);
    }

    private ParameterException problem(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static int execute(String... args) {
        return new CommandLine(new LiveOptions()).execute(args);
    }

    String server() {
        return connection.server();
    }

    String adminPassword() {
        return connection.adminPassword();
    }

    String clientPassword() {
        return connection.clientPassword();
    }

    Long serverPid() {
        return connection.serverPid();
    }

    int clients() {
        return clients;
    }

    int sources() {
        return sources;
    }

    /** How many sources each live client subscribes to. */
    int subscribe() {
        return subscribe == 0 ? sources : subscribe;
    }

    int slow() {
        return slow;
    }

    Duration interval() {
        return interval;
    }

    Duration duration() {
        return duration;
    }

    Duration warmup() {
        return warmup;
    }

    Duration grace() {
        return grace;
    }

    int receivers() {
        return receivers == 0 ? Math.max(1, (clients + slow + 249) / 250) : receivers;
    }

    String clientPrefix() {
        return clientPrefix;
    }

    String database() {
        return database;
    }

    String label() {
        return label;
    }
}
