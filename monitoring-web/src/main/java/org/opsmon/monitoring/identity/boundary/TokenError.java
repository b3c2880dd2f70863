package org.opsmon.monitoring.identity.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A refused token request: RFC 6749 §5.2 names the fields error and error_description; message
 * repeats the description so the answer also has the API's usual error shape.
 */
@Schema(description = "A refused token request")
public record TokenError(String error, String errorDescription, String message) {

    TokenError(String error, String description) {
        this(error, description, description);
    }
}
