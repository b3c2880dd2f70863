/**
 * Link throughput probe against the server. It is a collector, but lives beside delivery concerns
 * (token, server URL), so it has its own package rather than pulling HTTP into the collectors.
 */
package org.opsmon.monitoring.agent.probe;
