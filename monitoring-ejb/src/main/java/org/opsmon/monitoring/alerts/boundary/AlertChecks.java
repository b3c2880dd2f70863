package org.opsmon.monitoring.alerts.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.alerts.control.AlertEvaluator;
import org.opsmon.monitoring.alerts.control.AlertRules;

/**
 * Starts alert evaluation with the server (open alerts resumed from the database) and runs the
 * checks no sample triggers, every {@code monitoring.alerts.check.interval} seconds: agents silent
 * for too many of their intervals, and reminders of firing alerts nobody acknowledged. Runs
 * without a container transaction: each client's changes commit in a transaction of their own
 * before they are applied to memory and announced.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertChecks {

    private static final Logger LOG = Logger.getLogger(AlertChecks.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertRules rules;

    @Inject
    @ConfigProperty(name = "monitoring.alerts.check.interval", defaultValue = "15")
    long intervalSeconds;

    @PostConstruct
    void start() {
        if (intervalSeconds < 1) {
            throw new IllegalArgumentException("monitoring.alerts.check.interval must be at least 1 second, not "
                    + intervalSeconds);
        }
        evaluator.start(rules.active());
        timers.createIntervalTimer(intervalSeconds * 1000, intervalSeconds * 1000, new TimerConfig("alert-checks", false));
    }

    @Timeout
    void check() {
        try {
            evaluator.check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alert checks failed; the next interval tries again", e);
        }
    }
}
