/**
 * Commands users run: new processes (pid + start time) and new shell history lines. Kept apart
 * because it is the one collector that keeps durable state (history offsets) and needs root to see
 * other users.
 */
package org.opsmon.monitoring.agent.commands;
