package org.opsmon.monitoring.devicelogs.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opsmon.monitoring.devicelogs.entity.DeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventQuery;

/** Reads a device's events for the API: filtered, bounded, newest first. */
@ApplicationScoped
public class DeviceEventLog {

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    /** Whether a client of kind device has this id. */
    @Transactional
    public boolean deviceExists(long clientId) {
        return !em.createNativeQuery("SELECT id FROM client WHERE id = ? AND kind = 'device'")
                .setParameter(1, clientId).getResultList().isEmpty();
    }

    @Transactional
    public List<DeviceEvent> find(DeviceEventQuery query) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM DeviceEvent e WHERE e.clientId = :client");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("client", query.clientId());
        if (query.type() != null) {
            jpql.append(" AND e.type = :type");
            parameters.put("type", query.type());
        }
        if (query.minSeverity() != null) {
            jpql.append(" AND e.severity <= :severity");
            parameters.put("severity", (short) query.minSeverity().code());
        }
        if (query.from() != null) {
            jpql.append(" AND e.receivedAt >= :from");
            parameters.put("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
        }
        if (query.to() != null) {
            jpql.append(" AND e.receivedAt <= :to");
            parameters.put("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        jpql.append(" ORDER BY e.receivedAt DESC, e.id DESC");
        TypedQuery<DeviceEvent> typed = em.createQuery(jpql.toString(), DeviceEvent.class).setMaxResults(query.limit());
        parameters.forEach(typed::setParameter);
        return typed.getResultList();
    }
}
