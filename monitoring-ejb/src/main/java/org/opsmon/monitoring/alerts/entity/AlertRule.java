package org.opsmon.monitoring.alerts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/**
 * An alert rule: which series it watches (metric, label matcher, one source or every source),
 * its thresholds and how long a breach must last before it fires. The name is the business key.
 * The evaluator never works on this entity but on its immutable {@link #active()} copy.
 */
@Entity
@Table(name = "alert_rule")
@NamedQuery(name = AlertRule.ALL, query = "SELECT r FROM AlertRule r LEFT JOIN FETCH r.source ORDER BY r.id")
@NamedQuery(name = AlertRule.BY_NAME, query = "SELECT r FROM AlertRule r WHERE r.name = :name")
@NamedQuery(name = AlertRule.COUNT, query = "SELECT COUNT(r) FROM AlertRule r")
public class AlertRule {

    public static final String ALL = "AlertRule.all";
    public static final String BY_NAME = "AlertRule.byName";
    public static final String COUNT = "AlertRule.count";

    @Id
    @SequenceGenerator(name = "alert_rule_seq", sequenceName = "alert_rule_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_rule_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 128)
    private String name;

    @Column(nullable = false, length = 128)
    private String metric;

    // Canonical JSON, as series keep their labels: equal matchers have equal text.
    @Column(nullable = false, length = 1024)
    private String labels;

    // Eager: views show the source's name after the look-up's transaction has ended.
    @ManyToOne
    @JoinColumn(name = "source_client_id")
    private Client source;

    @Embedded
    private Thresholds thresholds;

    @Column(name = "for_s", nullable = false)
    private long forS;

    @Column(name = "renotify_s", nullable = false)
    private long renotifyS;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected AlertRule() {
    }

    public static AlertRule define(RuleDefinition definition, Client source, OffsetDateTime now) {
        AlertRule rule = new AlertRule();
        rule.createdAt = Objects.requireNonNull(now);
        rule.redefine(definition, source, now);
        return rule;
    }

    /** Replaces everything the caller defines (a PUT is a whole rule); the id and creation time stay. */
    public void redefine(RuleDefinition definition, Client newSource, OffsetDateTime now) {
        this.name = definition.name();
        this.metric = definition.metric();
        this.labels = SeriesKey.labelsToJson(definition.labels());
        this.source = newSource;
        this.thresholds = definition.thresholds();
        this.forS = definition.forS();
        this.renotifyS = definition.renotifyS();
        this.enabled = definition.enabled();
        this.updatedAt = Objects.requireNonNull(now);
    }

    /** The immutable copy the evaluator works with. */
    public ActiveRule active() {
        return new ActiveRule(id, name, metric, labels(), source == null ? null : source.id(), thresholds, forS,
                renotifyS, enabled);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String metric() {
        return metric;
    }

    public Map<String, String> labels() {
        return SeriesKey.labelsFromJson(labels);
    }

    /** The one source watched, null for every source. */
    public Client source() {
        return source;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    public long forS() {
        return forS;
    }

    public long renotifyS() {
        return renotifyS;
    }

    public boolean enabled() {
        return enabled;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public OffsetDateTime updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlertRule rule && Objects.equals(name, rule.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }
}
