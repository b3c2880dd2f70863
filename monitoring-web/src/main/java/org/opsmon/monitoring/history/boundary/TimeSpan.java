package org.opsmon.monitoring.history.boundary;

import java.math.BigDecimal;

/** Unix seconds of a client's first and last stored sample; both null before the first. */
public record TimeSpan(long clientId, BigDecimal start, BigDecimal end) {
}
