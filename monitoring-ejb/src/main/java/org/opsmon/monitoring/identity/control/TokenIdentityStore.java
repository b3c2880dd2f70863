package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.opsmon.monitoring.identity.entity.BearerTokenCredential;

/**
 * Validates bearer tokens: an issued, live token yields its account and role; the enrollment
 * secret yields the caller "enrollment" with the single role that may register clients.
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    public static final String ENROLLER_ROLE = "enroller";
    public static final String ENROLLMENT_CALLER = "enrollment";

    @Inject
    AccessTokens tokens;

    @Inject
    EnrollmentSecret enrollmentSecret;

    public CredentialValidationResult validate(BearerTokenCredential credential) {
        if (enrollmentSecret.matches(credential.token())) {
            return new CredentialValidationResult(ENROLLMENT_CALLER, Set.of(ENROLLER_ROLE));
        }
        return tokens.resolve(credential.token())
                .map(a -> new CredentialValidationResult(a.username(), Set.of(a.role().roleName())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
