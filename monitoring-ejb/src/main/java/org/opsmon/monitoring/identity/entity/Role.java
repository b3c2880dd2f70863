package org.opsmon.monitoring.identity.entity;

import java.util.Locale;

/** What a principal may do: admins change anything, viewers read everything, agents own one client. */
public enum Role {
    ADMIN, VIEWER, AGENT;

    /** The role name as used in security constraints, groups and the database. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromRoleName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
