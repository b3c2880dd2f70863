/**
 * Sources of samples: agents' hosts, the server itself and devices. A client is kept apart from
 * the principal that logs in for it so its history outlives a deleted or replaced login, and so
 * that the server and devices, which never log in, are clients like any other.
 */
package org.opsmon.monitoring.clients;
