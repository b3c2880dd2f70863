package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Raw counters per interface from /proc/net/dev, loopback included. One file holds every
 * interface's counters, whereas OSHI's interface objects read eight sysfs files per interface
 * and only list interfaces that carry an address. Rates are the server's job: counters survive
 * a lost snapshot, rates do not.
 */
public final class NetworkCollector implements Collector {

    private final Path netDev;

    public NetworkCollector() {
        this(Path.of("/proc/net/dev"));
    }

    NetworkCollector(Path netDev) {
        this.netDev = netDev;
    }

    @Override
    public String name() {
        return "network";
    }

    /** /proc/net/dev is kernel counters: reading it never waits on the network. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Map<String, JsonValue> collect() throws IOException {
        return Map.of("network", parse(Files.readAllLines(netDev)));
    }

    static JsonValue parse(List<String> lines) {
        JsonArrayBuilder out = Fields.array();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (name.isEmpty() || f.length < 16) {
                continue;
            }
            try {
                out.add(Fields.label(Fields.object(), "interface", name)
                        .add("bytes_sent", Long.parseLong(f[8]))
                        .add("bytes_recv", Long.parseLong(f[0]))
                        .add("packets_sent", Long.parseLong(f[9]))
                        .add("packets_recv", Long.parseLong(f[1]))
                        .add("errors_in", Long.parseLong(f[2]))
                        .add("errors_out", Long.parseLong(f[10]))
                        .add("drops_in", Long.parseLong(f[3]))
                        .add("drops_out", Long.parseLong(f[11])));
            } catch (NumberFormatException e) {
                // Malformed line: skip this interface only.
            }
        }
        return out.build();
    }
}
