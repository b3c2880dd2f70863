package org.opsmon.monitoring.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API under /api. Role checks are declarative (@RolesAllowed) on every resource. */
@ApplicationPath("api")
@OpenAPIDefinition(
        info = @Info(title = "Monitoring API", version = "1",
                description = "Agents push snapshots, operators read history and the server's own state. "
                        + "Obtain a bearer token from POST /api/auth/token.",
                license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
public class MonitoringApplication extends Application {

    /** Jersey (Payara, GlassFish) enforces @RolesAllowed through this feature; RESTEasy reads web.xml. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
