package org.opsmon.monitoring.identity.entity;

/** Whom a live bearer token speaks for: the principal's name and role, all a request needs. */
public record TokenOwner(String username, Role role) {
}
