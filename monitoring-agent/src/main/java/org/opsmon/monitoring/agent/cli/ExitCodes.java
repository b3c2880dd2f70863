package org.opsmon.monitoring.agent.cli;

/**
 * The agent's exit codes, as the README and {@code --help} document them. systemd's unit restarts
 * on every code but {@link #CONFIG}: a bad configuration does not heal by itself.
 */
public final class ExitCodes {

    /** Stopped by a signal, or {@code --once} printed its snapshot. */
    public static final int OK = 0;
    /** Delivery gave up at run time (HTTP 403 for this client), or an unexpected failure. */
    public static final int FATAL = 1;
    public static final int CONFIG = 2;
    /** Server unreachable at start, without {@code --wait-for-server}. */
    public static final int UNREACHABLE = 3;
    /** Credentials or enrollment refused at start, without {@code --wait-for-server}. */
    public static final int REJECTED = 4;

    private ExitCodes() {
    }
}
