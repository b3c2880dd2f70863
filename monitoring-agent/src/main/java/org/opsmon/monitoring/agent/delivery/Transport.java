package org.opsmon.monitoring.agent.delivery;

import java.util.Locale;

/** Which path snapshots take to the server. */
public enum Transport {
    /** WebSocket, with HTTP batches while it is down: what an agent should normally use. */
    AUTO,
    /** WebSocket only: nothing is sent while it is down, for networks that must not see the HTTP path. */
    WEBSOCKET,
    /** HTTP batches only, for proxies that do not pass WebSocket upgrades. */
    HTTP;

    /** Operators write these in lower case, as the documentation does; case is not held against them. */
    public static Transport parse(String text) {
        for (Transport t : values()) {
            if (t.name().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be auto, websocket or http, not '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
