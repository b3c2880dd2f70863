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

/** The command line of {@link Soak}; durations read as the agent reads them (500ms, 30s, 2m, 1h). */
@Command(name = "soak", sortOptions = false,
        description = "Steady agents plus hostile ones for a long time; samples the server's memory every minute.")
final class SoakOptions implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ServerOptions connection = new ServerOptions();

    @Option(names = "--agents", paramLabel = "N", defaultValue = "50",
            description = "realistic agents, one rich snapshot each per --interval [${DEFAULT-VALUE}]")
    private int agents;

    @Option(names = "--stream-agents", paramLabel = "N", defaultValue = "10",
            description = "how many of the realistic agents send over the /ws/agent stream instead of HTTP [${DEFAULT-VALUE}]")
    private int streamAgents;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s", converter = Converters.HumanDuration.class,
            description = "time between two snapshots of one agent, at least 1s [${DEFAULT-VALUE}]")
    private Duration interval;

    @Option(names = "--hostile", paramLabel = "N", defaultValue = "3",
            description = "hostile agents, in turn a series flooder, a bad-body sender and a connection abuser [${DEFAULT-VALUE}]")
    private int hostile;

    @Option(names = "--hostile-every", paramLabel = "DURATION", defaultValue = "1s", converter = Converters.HumanDuration.class,
            description = "time between two acts of a bad-body sender or connection abuser [${DEFAULT-VALUE}]")
    private Duration hostileEvery;

    @Option(names = "--flood-interfaces", paramLabel = "N", defaultValue = "50",
            description = "new interface names in each snapshot of a series flooder (8 series each) [${DEFAULT-VALUE}]")
    private int floodInterfaces;

    @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "3s", converter = Converters.HumanDuration.class,
            description = "how long the connection abuser holds a request with a missing body [${DEFAULT-VALUE}]")
    private Duration hold;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30m", converter = Converters.HumanDuration.class,
            description = "whole run, warm-up included [${DEFAULT-VALUE}]")
    private Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5m", converter = Converters.HumanDuration.class,
            description = "first part of the run; growth is judged from the sample that ends it [${DEFAULT-VALUE}]")
    private Duration warmup;

    @Option(names = "--sample-every", paramLabel = "DURATION", defaultValue = "1m", converter = Converters.HumanDuration.class,
            description = "time between two samples of the server (each forces a full GC) [${DEFAULT-VALUE}]")
    private Duration sampleEvery;

    @Option(names = "--heap-growth-percent", paramLabel = "PERCENT", defaultValue = "10",
            description = "heap after GC may grow by this share of its warm level ... [${DEFAULT-VALUE}]")
    private double heapGrowthPercent;

    @Option(names = "--heap-growth-mib", paramLabel = "MIB", defaultValue = "16",
            description = "... plus this many MiB [${DEFAULT-VALUE}]")
    private long heapGrowthMib;

    @Option(names = "--rss-growth-mib", paramLabel = "MIB", defaultValue = "64",
            description = "RSS may grow by this many MiB after the warm-up [${DEFAULT-VALUE}]")
    private long rssGrowthMib;

    @Option(names = "--client-prefix", paramLabel = "TEXT", defaultValue = "soak-",
            description = "client names are the prefix plus 001, 002, ... and flood-1, bad-1, abuse-1, ... [${DEFAULT-VALUE}]")
    private String clientPrefix;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    @Override
    public Integer call() {
        connection.validate(spec);
        if (agents < 1 || streamAgents < 0 || streamAgents > agents) {
            throw problem("--agents must be at least 1 and --stream-agents between 0 and --agents");
        }
        if (hostile < 0 || floodInterfaces < 1) {
            throw problem("--hostile cannot be negative and --flood-interfaces must be at least 1");
        }
        // Timestamps double as seq: two snapshots of one agent within a second would be one re-send.
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || hostileEvery.isZero() || sampleEvery.isZero()) {
            throw problem("--interval must be at least 1s; --hostile-every and --sample-every more than 0");
        }
        if (warmup.compareTo(duration) >= 0 || sampleEvery.compareTo(duration.minus(warmup)) > 0) {
            throw problem("--warmup must be shorter than --duration, leaving at least one --sample-every after it");
        }
        if (heapGrowthPercent < 0 || heapGrowthMib < 0 || rssGrowthMib < 0) {
            throw problem("growth bounds cannot be negative");
        }
        return Soak.run(this);
    }

    private ParameterException problem(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static int execute(String... args) {
        return new CommandLine(new SoakOptions()).execute(args);
    }

    String server() {
        return connection.server();
    }

    String adminPassword() {
        return connection.adminPassword();
    }

    int agents() {
        return agents;
    }

    int streamAgents() {
        return streamAgents;
    }

    Duration interval() {
        return interval;
    }

    int hostile() {
        return hostile;
    }

    Duration hostileEvery() {
        return hostileEvery;
    }

    int floodInterfaces() {
        return floodInterfaces;
    }

    Duration hold() {
        return hold;
    }

    Duration duration() {
        return duration;
    }

    Duration warmup() {
        return warmup;
    }

    Duration sampleEvery() {
        return sampleEvery;
    }

    GrowthBound bound() {
        return new GrowthBound(heapGrowthPercent, heapGrowthMib * GrowthBound.MIB, rssGrowthMib * GrowthBound.MIB);
    }

    Long serverPid() {
        return connection.serverPid();
    }

    String clientPrefix() {
        return clientPrefix;
    }

    String clientPassword() {
        return connection.clientPassword();
    }
}
