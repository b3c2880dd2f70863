package org.opsmon.monitoring.alerts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/**
 * One alert: an episode of one series breaching one rule, from pending or firing to resolved,
 * with the value and threshold of its latest change, the sentence a person reads, and who
 * acknowledged it. The evaluator writes these rows in plain SQL on its transitions (its state is
 * in memory, the row is its persisted copy); this entity is how the API reads them, so it has no
 * setters. Its id is the business key: an alert is referred to by it everywhere.
 */
@Entity
@Table(name = "alert")
public class Alert {

    @Id
    private Long id;

    @Column(name = "rule_id")
    private Long ruleId;

    @Column(name = "rule_name", nullable = false)
    private String ruleName;

    // Eager: views show the source's name after the query's transaction has ended.
    @ManyToOne(optional = false)
    @JoinColumn(name = "client_id")
    private Client client;

    @Column(nullable = false)
    private String metric;

    @Column(nullable = false)
    private String labels;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AlertLevel level;

    // "value" is a reserved word in H2.
    @Column(name = "val", nullable = false)
    private double value;

    @Column(nullable = false)
    private double threshold;

    @Column(nullable = false)
    private String message;

    @Column(name = "pending_since")
    private OffsetDateTime pendingSince;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "resolved_at")
    private OffsetDateTime resolvedAt;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private OffsetDateTime acknowledgedAt;

    protected Alert() {
    }

    public boolean firing() {
        return state == AlertState.FIRING;
    }

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    public Long id() {
        return id;
    }

    /** The rule's id; null once the rule was deleted (its name stays). */
    public Long ruleId() {
        return ruleId;
    }

    public String ruleName() {
        return ruleName;
    }

    public Client client() {
        return client;
    }

    public String metric() {
        return metric;
    }

    public Map<String, String> labels() {
        return SeriesKey.labelsFromJson(labels);
    }

    public AlertState state() {
        return state;
    }

    public AlertLevel level() {
        return level;
    }

    public double value() {
        return value;
    }

    public double threshold() {
        return threshold;
    }

    public String message() {
        return message;
    }

    public OffsetDateTime pendingSince() {
        return pendingSince;
    }

    public OffsetDateTime startedAt() {
        return startedAt;
    }

    public OffsetDateTime resolvedAt() {
        return resolvedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public OffsetDateTime acknowledgedAt() {
        return acknowledgedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Alert alert && id != null && id.equals(alert.id);
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}
