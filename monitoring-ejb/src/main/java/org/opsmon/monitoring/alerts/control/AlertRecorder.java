package org.opsmon.monitoring.alerts.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.opsmon.monitoring.alerts.control.AlertLifecycle.Step;
import org.opsmon.monitoring.alerts.entity.ActiveRule;
import org.opsmon.monitoring.alerts.entity.AlertChange;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.alerts.entity.AlertState;
import org.opsmon.monitoring.alerts.entity.SeriesState;
import org.opsmon.monitoring.alerts.entity.SeriesState.Phase;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/**
 * Writes the transitions of one evaluation pass in one transaction of its own and announces each
 * change as {@link AlertChanged} inside it, synchronously: an observer that writes to the
 * database (the notification outbox) commits with the alert or not at all. The evaluator applies
 * the new states to its memory only once this returned, that is once it committed.
 */
@ApplicationScoped
public class AlertRecorder {

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /** One step of one series, with what it needs to be written and announced. */
    public record Evaluated(ActiveRule rule, long clientId, String source, SeriesKey series, SeriesState before,
                            Step step, Instant time) {
    }

    /** The state as written (with the id of a new row) and the change announced, if any. */
    public record Recorded(Evaluated evaluated, SeriesState stored, AlertChanged change) {
    }

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    AlertStore store;

    @Inject
    Event<AlertChanged> changed;

    Clock clock = Clock.systemUTC();

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Recorded> record(List<Evaluated> steps) {
        try (Connection connection = dataSource.getConnection()) {
            return write(connection, steps);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording alert changes failed: " + e.getMessage(), e);
        }
    }

    List<Recorded> write(Connection connection, List<Evaluated> steps) throws SQLException {
        Instant now = clock.instant();
        List<Recorded> recorded = new ArrayList<>(steps.size());
        for (Evaluated e : steps) {
            Step step = e.step();
            SeriesState after = step.after();
            ActiveRule rule = e.rule();
            if (step.discard() != null) {
                store.delete(connection, step.discard());
            }
            String message = null;
            Long alertId = after.alertId();
            switch (step.write()) {
                case SAVE -> {
                    AlertState state = after.phase() == Phase.PENDING ? AlertState.PENDING : AlertState.FIRING;
                    message = state == AlertState.PENDING
                            ? AlertMessages.pending(after.level(), rule.metric(), after.value(), after.threshold(), rule.forS())
                            : AlertMessages.firing(after.level(), rule.metric(), after.value(), after.threshold());
                    AlertStore.Row row = new AlertStore.Row(rule.id() > 0 ? rule.id() : null, rule.name(), e.clientId(),
                            e.series(), state, message, after);
                    if (alertId == null) {
                        alertId = store.insert(connection, row, now);
                        after = after.stored(alertId);
                    } else {
                        store.update(connection, alertId, row, now);
                    }
                }
                case RESOLVE -> {
                    alertId = after.recent() != null ? after.recent().alertId() : e.before().alertId();
                    message = step.reason() != null ? AlertMessages.retired(rule.metric(), step.reason())
                            : AlertMessages.resolved(rule.metric(), after.value(), after.threshold());
                    store.resolve(connection, alertId, after, e.time(), message, now);
                }
                case DELETE -> {
                    // The pending row was the discard above.
                }
                case NONE -> {
                    // Nothing of the row changes.
                }
            }
            AlertChanged change = null;
            if (step.change() != null && alertId != null) {
                Instant startedAt = after.recent() != null && !after.firing() ? after.recent().startedAt()
                        : after.startedAt();
                change = new AlertChanged(alertId, step.change(), after.level(),
                        step.change() == AlertChange.OPENED ? null : e.before().level(),
                        Math.max(rule.id(), 0), rule.name(), e.clientId(), e.source(), rule.metric(),
                        e.series().labels(), Double.isNaN(after.value()) ? 0 : after.value(), after.threshold(),
                        message, e.time(), startedAt);
                changed.fire(change);
            }
            recorded.add(new Recorded(e, after, change));
        }
        return recorded;
    }
}
