package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
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

    /**
     * Dispatches directly instead of through the interface's default method, which binds a method
     * handle whose signature names BearerTokenCredential: after a redeployment in the same JVM
     * (WildFly) the API's class loader still holds the previous deployment's class, and every
     * authenticated request would fail with a LinkageError.
     */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        return credential instanceof BearerTokenCredential bearer
                ? validate(bearer)
                : CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    public CredentialValidationResult validate(BearerTokenCredential credential) {
        if (enrollmentSecret.matches(credential.token())) {
            return new CredentialValidationResult(ENROLLMENT_CALLER, Set.of(ENROLLER_ROLE));
        }
        return tokens.resolve(credential.token())
                .map(a -> new CredentialValidationResult(a.username(), Set.of(a.role().roleName())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
