/**
 * Configuration: every setting is one typed picocli option in
 * {@link org.opsmon.monitoring.agent.config.AgentSettings}, which is also its config file key;
 * {@link org.opsmon.monitoring.agent.config.ConfigFile} supplies the environment's and the file's
 * values as defaults beneath the flags, and {@link org.opsmon.monitoring.agent.config.Converters}
 * turn text into values the same way from either source. Validation happens here, at start, so bad
 * values fail with a sentence naming the key and exit code 2.
 */
package org.opsmon.monitoring.agent.config;
