package org.opsmon.monitoring.identity.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.identity.entity.Account;

/** A principal as the API shows it: never its password hash. */
@Schema(description = "A principal and its role")
public record UserView(String username, String role, String createdAt) {

    static UserView of(Account account) {
        return new UserView(account.username(), account.role().roleName(), account.createdAt().toInstant().toString());
    }
}
