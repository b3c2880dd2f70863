/**
 * Bounded transfers with which agents measure their link to the server. Kept apart from ingest
 * because it moves bytes, not samples: the results come back in the agent's next snapshot.
 */
package org.opsmon.monitoring.linkprobe;
