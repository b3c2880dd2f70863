package org.opsmon.monitoring.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.identity.entity.Role;

/**
 * Makes sure someone can administer a fresh installation: with no admin in the store, creates
 * "admin" with MONITORING_ADMIN_PASSWORD, or with a generated password printed once in the log.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FirstAdmin {

    public static final String USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "monitoring.admin.password")
    Optional<String> configuredPassword;

    @PostConstruct
    void ensureAdmin() {
        if (accounts.countWithRole(Role.ADMIN) > 0) {
            return;
        }
        Optional<String> password = configuredPassword.filter(p -> !p.isBlank());
        if (password.isPresent()) {
            accounts.create(USERNAME, password.get(), Role.ADMIN);
            LOG.info("Created the first admin 'admin' with the password from MONITORING_ADMIN_PASSWORD");
            return;
        }
        String generated = generate(20);
        accounts.create(USERNAME, generated, Role.ADMIN);
        LOG.warning("Created the first admin 'admin' with the generated password " + generated
                + " (shown only this once; set MONITORING_ADMIN_PASSWORD before the first start to choose it)");
    }

    private static String generate(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
