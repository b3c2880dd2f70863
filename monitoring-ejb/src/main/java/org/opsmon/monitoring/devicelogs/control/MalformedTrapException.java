package org.opsmon.monitoring.devicelogs.control;

/** A notification that carries no trap OID or is no notification at all; it is counted and dropped. */
public class MalformedTrapException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedTrapException(String reason) {
        super(reason, null, false, false);
    }
}
