/**
 * Configuration: properties file, environment and flags merged into one validated
 * {@link org.opsmon.monitoring.agent.config.AgentSettings}, plus duration and size parsing.
 * Validation happens here, at start, so bad values fail with a clear sentence and exit code 2.
 */
package org.opsmon.monitoring.agent.config;
