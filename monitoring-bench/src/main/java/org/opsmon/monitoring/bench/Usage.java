package org.opsmon.monitoring.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * CPU counters read at the start and the end of a measured window: the server's, PostgreSQL's,
 * this generator's and the whole machine's.
 */
record Usage(double serverCpu, Map<Long, Double> postgresCpu, double ownCpu, long[] machine) {

    static Usage read(long serverPid, String database) {
        double own = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            own = os.getProcessCpuTime() / 1e9;
        }
        return new Usage(serverPid > 0 ? ProcessProbe.cpuSeconds(serverPid) : -1,
                ProcessProbe.postgresCpuSeconds(database), own, ProcessProbe.machineTicks());
    }

    static double percent(double before, double after, double seconds) {
        return before < 0 || after < 0 ? Double.NaN : 100.0 * (after - before) / seconds;
    }

    double machineBusyPercent(Usage before) {
        long total = machine[1] - before.machine[1];
        return total <= 0 ? Double.NaN : 100.0 * (machine[0] - before.machine[0]) / total;
    }

    /**
     * What each party used between {@code before} and this reading, in percent of one core; "other"
     * is what the machine spent beyond the three (builds, other servers).
     */
    Split since(Usage before, double seconds, int cores) {
        double server = percent(before.serverCpu, serverCpu, seconds);
        double postgres = 100.0 * ProcessProbe.spentBetween(before.postgresCpu, postgresCpu) / seconds;
        double own = percent(before.ownCpu, ownCpu, seconds);
        // In the same unit as the processes (100% = one core), so "other" is a plain difference.
        double machineBusy = machineBusyPercent(before) * cores;
        return new Split(server, postgres, own, Math.max(0, machineBusy - server - postgres - own), machineBusy);
    }

    record Split(double server, double postgres, double generator, double other, double machine) {
    }
}
