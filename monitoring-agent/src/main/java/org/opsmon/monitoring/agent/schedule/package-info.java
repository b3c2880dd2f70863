/**
 * Runs collectors each on its own thread, interval and timeout, and assembles one snapshot per base
 * tick from whatever completed. Isolated here so that a hung collector is a scheduling concern only.
 */
package org.opsmon.monitoring.agent.schedule;
