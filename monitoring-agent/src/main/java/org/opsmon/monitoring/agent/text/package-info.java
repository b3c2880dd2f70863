/**
 * The one rule every text value the agent sends obeys. Its own package because collectors in
 * several packages (system facts, labels, commands, GPUs) apply it, and the server enforces the
 * same rule: keeping it in one place keeps both ends agreeing.
 */
package org.opsmon.monitoring.agent.text;
