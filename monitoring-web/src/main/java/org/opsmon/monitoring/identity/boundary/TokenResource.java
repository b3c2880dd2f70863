package org.opsmon.monitoring.identity.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.identity.control.LoginThrottle;
import org.opsmon.monitoring.identity.entity.Account;
import org.opsmon.monitoring.identity.entity.IssuedToken;
import org.opsmon.monitoring.platform.entity.TextRule;

/** OAuth2 token endpoint, resource owner password grant (RFC 6749 §4.3). */
@Path("auth/token")
@RequestScoped
@Tag(name = "auth")
public class TokenResource {

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    Accounts accounts;

    @Inject
    AccessTokens tokens;

    @Inject
    ClientRegistry clients;

    @Inject
    LoginThrottle throttle;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @SecurityRequirements
    @Operation(summary = "Exchange a user name and password for a bearer token",
            description = "Form-encoded grant_type=password&username=…&password=…; answers "
                    + "{access_token, token_type, expires_in, client_id}. Repeated failures answer 429 for a while.")
    @APIResponse(responseCode = "200", description = "A bearer token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenGrant.class)))
    @APIResponse(responseCode = "400", description = "invalid_grant, invalid_request or unsupported_grant_type",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenError.class)))
    public Response token(@FormParam("grant_type") String grantType, @FormParam("username") String username,
                          @FormParam("password") String password) {
        if (grantType == null || grantType.isBlank()) {
            return oauthError(400, "invalid_request", "grant_type is required");
        }
        if (!"password".equals(grantType)) {
            return oauthError(400, "unsupported_grant_type", "Only grant_type=password is supported");
        }
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return oauthError(400, "invalid_request", "username and password are required");
        }
        // No account can have such a name, and the database would answer a NUL with an error.
        String malformed = TextRule.problem(username, Accounts.MAX_USERNAME_LENGTH);
        if (malformed != null) {
            return oauthError(400, "invalid_request", "username " + malformed);
        }
        String address = request.getRemoteAddr();
        long wait = throttle.secondsToWait(username, address);
        if (wait > 0) {
            return Response.fromResponse(oauthError(429, "slow_down",
                    "Too many failed logins; try again in " + wait + " s")).header("Retry-After", wait).build();
        }
        CredentialValidationResult result = password.length() > 1024
                ? CredentialValidationResult.INVALID_RESULT
                : identityStores.validate(new UsernamePasswordCredential(username, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            // Asked before this failure counts: the first five wrong passwords for a name answer 400.
            long slowDown = throttle.secondsToSlowDown(username);
            throttle.failed(username, address);
            if (slowDown > 0) {
                return Response.fromResponse(oauthError(429, "slow_down", "Unknown user name or wrong password; "
                        + "this name keeps failing, try again in " + slowDown + " s")).header("Retry-After", slowDown).build();
            }
            return oauthError(400, "invalid_grant", "Unknown user name or wrong password");
        }
        throttle.succeeded(username, address);
        Account account = accounts.findByUsername(result.getCallerPrincipal().getName()).orElseThrow();
        IssuedToken issued = tokens.issue(account);
        TokenGrant grant = new TokenGrant(issued.accessToken(), "Bearer", issued.expiresInSeconds(),
                account.role().roleName(), clients.ownedBy(account.username()).map(Client::id).orElse(null));
        return Response.ok(grant, MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    private static Response oauthError(int status, String code, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new TokenError(code, description))
                .header("Cache-Control", "no-store").build();
    }
}
