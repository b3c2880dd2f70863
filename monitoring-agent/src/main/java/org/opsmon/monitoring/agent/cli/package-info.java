/**
 * The command line (picocli), the exit-code policy and log formatting: the only place that touches
 * stdout, stderr and exit codes, so everything else stays testable in-process.
 */
package org.opsmon.monitoring.agent.cli;
