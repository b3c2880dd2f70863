/**
 * Who may call the server: one store of principals (admin, viewer, agent) with PBKDF2 password
 * hashes, and the bearer tokens issued to them. Jakarta Security sees this capability through
 * two identity stores (passwords, tokens); the web module's authentication mechanism and token
 * endpoint are its only entry points, so no resource ever parses a credential itself.
 */
package org.opsmon.monitoring.identity;
