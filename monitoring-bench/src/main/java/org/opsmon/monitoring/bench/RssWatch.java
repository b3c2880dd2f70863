package org.opsmon.monitoring.bench;

/** Follows the server's resident memory during the measured window; its peak is what sizing needs. */
final class RssWatch implements Runnable {
    private final long pid;
    private volatile boolean running = true;
    private volatile long highest = -1;

    RssWatch(long pid) {
        this.pid = pid;
    }

    @Override
    public void run() {
        while (running && pid > 0) {
            highest = Math.max(highest, ProcessProbe.statusBytes(pid, "VmRSS"));
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        running = false;
    }

    long highest() {
        return highest;
    }
}
