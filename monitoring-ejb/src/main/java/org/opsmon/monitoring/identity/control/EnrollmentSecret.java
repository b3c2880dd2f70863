package org.opsmon.monitoring.identity.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The shared secret with which agents may register themselves (MONITORING_ENROLLMENT_SECRET).
 * Unset means only admins register clients. Too short a secret is refused rather than trusted.
 */
@ApplicationScoped
public class EnrollmentSecret {

    static final int MIN_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(EnrollmentSecret.class.getName());

    @Inject
    @ConfigProperty(name = "monitoring.enrollment.secret")
    Optional<String> configured;

    private byte[] secret;

    @PostConstruct
    void init() {
        String value = configured.map(String::trim).orElse("");
        if (value.isEmpty()) {
            return;
        }
        if (value.length() < MIN_LENGTH) {
            LOG.severe("MONITORING_ENROLLMENT_SECRET is shorter than " + MIN_LENGTH
                    + " characters and is ignored: agents cannot enroll themselves");
            return;
        }
        secret = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison, so response times reveal nothing about the secret. */
    public boolean matches(String presented) {
        return secret != null && presented != null
                && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }
}
