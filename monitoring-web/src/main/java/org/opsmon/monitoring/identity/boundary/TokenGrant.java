package org.opsmon.monitoring.identity.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A successful token request (RFC 6749 §5.1) with the caller's role; client_id only for an
 * agent, whose client it names.
 */
@Schema(description = "A bearer token")
public record TokenGrant(String accessToken, String tokenType, long expiresIn, String role,
                         @JsonbNillable(false) Long clientId) {
}
