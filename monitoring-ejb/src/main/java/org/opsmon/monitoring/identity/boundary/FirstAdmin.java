package org.opsmon.monitoring.identity.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.identity.control.PrivateFile;
import org.opsmon.monitoring.identity.entity.Role;

/**
 * Makes sure someone can administer a fresh installation: with no admin in the store, creates
 * "admin" with MONITORING_ADMIN_PASSWORD, or with a generated password. A generated password
 * never goes into the log (logs are kept, rotated and read by more people than the server's
 * user): it is written to {@code initial-admin-password} in the data directory, readable only by
 * the server's user, and the log says where. Without that file nobody could log in, so an
 * unwritable data directory leaves the store without an admin and says how to set one.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FirstAdmin {

    public static final String USERNAME = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "monitoring.admin.password")
    Optional<String> configuredPassword;

    @Inject
    @ConfigProperty(name = "monitoring.data.dir", defaultValue = "data")
    String dataDir;

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
        Path file = Path.of(dataDir, PASSWORD_FILE).toAbsolutePath();
        try {
            PrivateFile.write(file, generated + "\n");
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "No admin exists and the generated password cannot be written to " + file
                    + " (" + e.getMessage() + "); set MONITORING_ADMIN_PASSWORD and restart to create 'admin'");
            return;
        }
        accounts.create(USERNAME, generated, Role.ADMIN);
        LOG.warning("Created the first admin 'admin' with a generated password, written to " + file
                + " (readable only by this user; delete the file once you have changed the password)");
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
