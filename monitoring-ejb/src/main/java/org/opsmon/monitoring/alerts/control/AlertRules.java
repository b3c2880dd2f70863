package org.opsmon.monitoring.alerts.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.alerts.entity.ActiveRule;
import org.opsmon.monitoring.alerts.entity.AlertRule;
import org.opsmon.monitoring.alerts.entity.RuleDefinition;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * The rule store: creates, changes and deletes rules, each in a transaction of its own; the
 * boundary tells the evaluator once it returned (committed), so the evaluator's cache never holds
 * a rule that was rolled back.
 * Names are unique (409 {@code name_taken}); the number of rules is capped
 * ({@code monitoring.alerts.rules.max}, 409 {@code rule_limit}), because every sample is matched
 * against the rules of its metric.
 */
@ApplicationScoped
public class AlertRules {

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Inject
    ClientRegistry clients;

    @Inject
    @ConfigProperty(name = "monitoring.alerts.rules.max", defaultValue = "1000")
    int maxRules;

    @Transactional
    public List<ActiveRule> active() {
        return all().stream().map(AlertRule::active).toList();
    }

    @Transactional
    public List<AlertRule> all() {
        return em.createNamedQuery(AlertRule.ALL, AlertRule.class).getResultList();
    }

    @Transactional
    public AlertRule require(String reference) {
        return find(reference).orElseThrow(() -> RequestProblem.notFound("No alert rule '" + reference + "'"));
    }

    private Optional<AlertRule> find(String reference) {
        if (reference == null || reference.isEmpty() || reference.length() > 18
                || !reference.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(AlertRule.class, Long.parseLong(reference)));
    }

    @Transactional
    public AlertRule create(RuleDefinition definition) {
        long count = em.createNamedQuery(AlertRule.COUNT, Long.class).getSingleResult();
        if (count >= maxRules) {
            throw RequestProblem.conflict("rule_limit", "There are already " + count + " alert rules, the most "
                    + "allowed (monitoring.alerts.rules.max = " + maxRules + "); delete one first");
        }
        requireFreeName(definition.name(), null);
        AlertRule rule = AlertRule.define(definition, source(definition.source()), now());
        em.persist(rule);
        flush(definition.name());
        return rule;
    }

    @Transactional
    public AlertRule update(String reference, RuleDefinition definition) {
        AlertRule rule = require(reference);
        requireFreeName(definition.name(), rule.id());
        rule.redefine(definition, source(definition.source()), now());
        flush(definition.name());
        return rule;
    }

    @Transactional
    public long delete(String reference) {
        AlertRule rule = require(reference);
        em.remove(rule);
        return rule.id();
    }

    private void requireFreeName(String name, Long self) {
        List<AlertRule> named = em.createNamedQuery(AlertRule.BY_NAME, AlertRule.class).setParameter("name", name)
                .getResultList();
        if (named.stream().anyMatch(r -> !r.id().equals(self))) {
            throw RequestProblem.conflict("name_taken", "An alert rule named '" + name + "' already exists");
        }
    }

    /** Two creations of one name at once: the unique key decides, and the loser is told so. */
    private void flush(String name) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw RequestProblem.conflict("name_taken", "An alert rule named '" + name + "' already exists");
        }
    }

    private Client source(String name) {
        if (name == null) {
            return null;
        }
        return clients.byName(name).orElseThrow(() -> RequestProblem.badRequest("unknown_source",
                "source '" + name + "' is no client's name; leave it null to watch every source"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    public int maxRules() {
        return maxRules;
    }
}
