package org.opsmon.monitoring.identity.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.opsmon.monitoring.identity.entity.BearerTokenCredential;
import org.opsmon.monitoring.platform.boundary.ErrorBody;
import org.opsmon.monitoring.platform.control.BodyLimit;

/**
 * RFC 6750 bearer authentication for the whole application. The token comes from the
 * Authorization header; WebSocket handshakes (/ws/*) may pass it as access_token because
 * browsers cannot set headers there. Which paths need a caller is declared in web.xml.
 */
@ApplicationScoped
public class BearerAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final String PREFIX = "bearer ";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String token = presentedToken(request);
        if (token == null) {
            return context.isProtected()
                    ? refuse(request, response, "unauthorized", "This resource needs a bearer token: POST /api/auth/token")
                    : context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(new BearerTokenCredential(token));
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            return context.notifyContainerAboutLogin(result);
        }
        return context.isProtected()
                ? refuse(request, response, "invalid_token", "The bearer token is unknown, expired or revoked")
                : context.doNothing();
    }

    static String presentedToken(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return bearerToken(request.getHeader("Authorization"),
                path.startsWith("/ws/") ? request.getParameter("access_token") : null);
    }

    /**
     * The token a caller presents: the one of an {@code Authorization: Bearer} header, else the
     * {@code access_token} parameter where the caller may use it (WebSocket handshakes); null
     * when neither carries one. The one reading of RFC 6750 for HTTP and WebSocket alike.
     */
    public static String bearerToken(String authorization, String accessToken) {
        if (authorization != null && authorization.length() > PREFIX.length()
                && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return authorization.substring(PREFIX.length()).trim();
        }
        return accessToken == null || accessToken.isBlank() ? null : accessToken;
    }

    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
                                               String code, String message) {
        try {
            // An unread body leaves the exchange incomplete: some containers then try to send an
            // error page over the committed answer.
            BodyLimit.discard(request.getInputStream(), request.getContentLengthLong());
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer realm=\"monitoring\""
                    + ("invalid_token".equals(code) ? ", error=\"invalid_token\"" : ""));
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(ErrorBody.json(code, message));
            response.getWriter().close(); // completes the response: no container error page follows
        } catch (IOException clientGone) {
            // The caller disconnected; there is no one left to tell.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
