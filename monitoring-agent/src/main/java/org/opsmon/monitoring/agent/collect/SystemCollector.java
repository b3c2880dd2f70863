package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import oshi.software.os.OSSession;
import oshi.software.os.OperatingSystem;

/** Facts about the host; {@code users} counts distinct logged-in accounts, not sessions. */
public final class SystemCollector implements Collector {

    private final OperatingSystem os;

    public SystemCollector(OperatingSystem os) {
        this.os = os;
    }

    @Override
    public String name() {
        return "system";
    }

    /** Kernel facts, gethostname(2), the /proc listing and utmp: nothing that waits on a mount or the network. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public Map<String, JsonValue> collect() {
        JsonObjectBuilder b = Fields.object();
        Fields.text(b, "hostname", os.getNetworkParams().getHostName());
        Fields.text(b, "os_name", os.getFamily());
        Fields.text(b, "os_version", os.getVersionInfo().getVersion());
        Fields.text(b, "architecture", System.getProperty("os.arch"));
        Fields.size(b, "boot_time", os.getSystemBootTime());
        Fields.size(b, "processes", os.getProcessCount());
        Set<String> users = new HashSet<>();
        for (OSSession s : os.getSessions()) {
            users.add(s.getUserName());
        }
        b.add("users", users.size());
        long uptime = os.getSystemUptime();
        return uptime >= 0 ? Map.of("system", b.build(), "uptime", Fields.JSON.createValue(uptime))
                : Map.of("system", b.build());
    }
}
