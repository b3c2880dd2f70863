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

/**
 * The command line of {@link IngestLoad}. Durations read as the agent reads them (500ms, 30s, 2m,
 * 1h, plain seconds), through the agent's own converter.
 */
@Command(name = "ingest-load", sortOptions = false,
        description = "Registers bench clients, then posts rich snapshots as fast as the workers can.")
final class Options implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions connection = new ServerOptions();

    @Option(names = "--clients", paramLabel = "N", defaultValue = "8",
            description = "bench clients to register; each belongs to one worker so its seq stays ordered [${DEFAULT-VALUE}]")
    private int clients;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "workers sending at the same time (at most --clients) [${DEFAULT-VALUE}]")
    private int concurrency;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = Converters.HumanDuration.class,
            description = "measured time (ms, s, m, h) [${DEFAULT-VALUE}]")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = Converters.HumanDuration.class,
            description = "unmeasured sending before the measurement, lets the JIT and pools settle [${DEFAULT-VALUE}]")
    private Duration warmup;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "snapshots per request (1 = one snapshot object, more = a JSON array) [${DEFAULT-VALUE}]")
    private int batch;

    @Option(names = "--max-requests", paramLabel = "N", defaultValue = "1000000",
            description = "stop the measurement after this many requests even if time is left [${DEFAULT-VALUE}]")
    private long maxRequests;

    @Option(names = "--client-prefix", paramLabel = "TEXT", defaultValue = "bench-",
            description = "client names are the prefix plus 001, 002, ... [${DEFAULT-VALUE}]")
    private String clientPrefix;

    @Option(names = "--history", paramLabel = "DURATION", defaultValue = "2h", converter = Converters.HumanDuration.class,
            description = "how far in the past the first snapshot of a new client lies [${DEFAULT-VALUE}]")
    private Duration history;

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
        atLeastOne("--clients", clients);
        atLeastOne("--concurrency", concurrency);
        atLeastOne("--batch", batch);
        atLeastOne("--max-requests", maxRequests);
        if (concurrency > clients) {
            throw new ParameterException(spec.commandLine(), "--concurrency " + concurrency + " exceeds --clients " + clients
                    + ": two workers sharing a client would send its seq out of order");
        }
        return IngestLoad.measure(this);
    }

    private void atLeastOne(String flag, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), flag + " must be at least 1");
        }
    }

    static int execute(String... args) {
        return new CommandLine(new Options()).execute(args);
    }

    String server() {
        return connection.server();
    }

    String adminPassword() {
        return connection.adminPassword();
    }

    int clients() {
        return clients;
    }

    int concurrency() {
        return concurrency;
    }

    Duration duration() {
        return duration;
    }

    Duration warmup() {
        return warmup;
    }

    int batch() {
        return batch;
    }

    long maxRequests() {
        return maxRequests;
    }

    String clientPrefix() {
        return clientPrefix;
    }

    String clientPassword() {
        return connection.clientPassword();
    }

    Duration history() {
        return history;
    }

    Long serverPid() {
        return connection.serverPid();
    }

    String database() {
        return database;
    }

    String label() {
        return label;
    }
}
