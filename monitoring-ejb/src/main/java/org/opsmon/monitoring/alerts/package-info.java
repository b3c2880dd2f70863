/**
 * Alert rules and their evaluation. A rule watches every series of one metric that its label
 * matcher selects, on one source or all; each series is evaluated on its own (one state per
 * mount, per core, per interface), as samples arrive ({@code SamplesIngested}, after ingestion
 * committed). The life of one series' alert is a pure function ({@code control.AlertLifecycle}):
 * pending for {@code for_s}, firing with escalation and de-escalation in place, resolved only by a
 * sample on the clear side of the clear threshold (hysteresis; missing data resolves nothing),
 * reminded after {@code renotify_s} unless acknowledged. Late samples (not newer than the newest
 * evaluated) change nothing.
 *
 * <p>States live in memory per client, under that client's lock; the database is written only on
 * transitions, and an open alert row doubles as its series' persisted state, so a restart resumes
 * alerts instead of announcing them again. Each transition is announced as {@code AlertChanged}
 * inside its transaction (the notification outbox joins it), each pass as {@code AlertsEvaluated}
 * after it committed (live push).
 *
 * <p>Anything that can be a reading can be a rule. Conditions without a sample of their own are
 * turned into one: a timer feeds {@code agent.missed_intervals} (whole intervals, learnt from the
 * agent's recent snapshots, without a snapshot) per agent into the same evaluator. Devices polled
 * over SNMP need nothing new: the poller stores {@code device.reachable} (1/0) and
 * {@code if.oper_status{if_name=…}} like any series, and rules such as {@code device.reachable < 1}
 * (critical) or {@code if.oper_status > 1} ("down" is 2 in IF-MIB) alert on them.
 */
package org.opsmon.monitoring.alerts;
