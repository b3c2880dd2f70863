package org.opsmon.monitoring.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * CPU counters read at the start and the end of a measured window: the server process, the
 * PostgreSQL backends of its database, this generator, and the whole machine. The generator shares
 * the machine with the server, so every figure printed from a window says who used what.
 */
record CpuUsage(double serverCpu, Map<Long, Double> postgresCpu, double ownCpu, long[] machine) {

    /** Percent of one core each party used over a window ({@code other}: anything else on the machine). */
    record Split(double server, double postgres, double generator, double other, double machine, int cores) {
    }

    static CpuUsage read(long serverPid, String database) {
        double own = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            own = os.getProcessCpuTime() / 1e9;
        }
        return new CpuUsage(serverPid > 0 ? ProcessProbe.cpuSeconds(serverPid) : -1,
                ProcessProbe.postgresCpuSeconds(database), own, ProcessProbe.machineTicks());
    }

    /** What was used between {@code before} and this reading, {@code seconds} apart. */
    Split since(CpuUsage before, double seconds) {
        int cores = Runtime.getRuntime().availableProcessors();
        double server = percent(before.serverCpu, serverCpu, seconds);
        double postgres = 100.0 * ProcessProbe.spentBetween(before.postgresCpu, postgresCpu) / seconds;
        double own = percent(before.ownCpu, ownCpu, seconds);
        // In the same unit as the processes (100% = one core), so "other" is a plain difference.
        double busy = machineBusyPercent(before) * cores;
        return new Split(server, postgres, own, Math.max(0, busy - server - postgres - own), busy, cores);
    }

    private static double percent(double before, double after, double seconds) {
        return before < 0 || after < 0 ? Double.NaN : 100.0 * (after - before) / seconds;
    }

    private double machineBusyPercent(CpuUsage before) {
        long total = machine[1] - before.machine[1];
        return total <= 0 ? Double.NaN : 100.0 * (machine[0] - before.machine[0]) / total;
    }
}
