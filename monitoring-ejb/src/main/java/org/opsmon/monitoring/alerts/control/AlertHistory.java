package org.opsmon.monitoring.alerts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.opsmon.monitoring.alerts.entity.Alert;
import org.opsmon.monitoring.alerts.entity.AlertQuery;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** Reads alerts for the API: one by id, or a bounded, filtered list, newest first. */
@ApplicationScoped
public class AlertHistory {

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Transactional
    public Alert require(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > 18
                || !reference.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RequestProblem.notFound("No alert '" + reference + "'");
        }
        Alert alert = em.find(Alert.class, Long.parseLong(reference));
        if (alert == null) {
            throw RequestProblem.notFound("No alert '" + reference + "'");
        }
        return alert;
    }

    @Transactional
    public List<Alert> find(AlertQuery query) {
        StringBuilder jpql = new StringBuilder("SELECT a FROM Alert a JOIN FETCH a.client WHERE 1 = 1");
        List<Object[]> parameters = new ArrayList<>();
        if (query.state() != null) {
            jpql.append(" AND a.state = :state");
            parameters.add(new Object[] {"state", query.state()});
        }
        if (query.clientId() != null) {
            jpql.append(" AND a.client.id = :client");
            parameters.add(new Object[] {"client", query.clientId()});
        }
        if (query.level() != null) {
            jpql.append(" AND a.level = :level");
            parameters.add(new Object[] {"level", query.level()});
        }
        if (query.from() != null) {
            jpql.append(" AND (a.resolvedAt IS NULL OR a.resolvedAt >= :from)");
            parameters.add(new Object[] {"from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC)});
        }
        if (query.to() != null) {
            jpql.append(" AND COALESCE(a.startedAt, a.pendingSince) <= :to");
            parameters.add(new Object[] {"to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC)});
        }
        jpql.append(" ORDER BY a.id DESC");
        TypedQuery<Alert> typed = em.createQuery(jpql.toString(), Alert.class).setMaxResults(query.limit());
        parameters.forEach(p -> typed.setParameter((String) p[0], p[1]));
        return typed.getResultList();
    }
}
