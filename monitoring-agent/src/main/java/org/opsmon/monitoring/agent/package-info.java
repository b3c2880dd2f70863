/**
 * The monitoring agent: a single runnable jar with no Jakarta EE inside. {@link org.opsmon.monitoring.agent.Agent}
 * wires the capabilities below; each subpackage is one capability so that collection, durability and
 * transport can fail, be tested and be reasoned about independently.
 */
package org.opsmon.monitoring.agent;
