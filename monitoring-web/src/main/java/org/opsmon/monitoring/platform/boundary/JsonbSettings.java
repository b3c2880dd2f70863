package org.opsmon.monitoring.platform.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * snake_case field names, as in the public contracts; nulls are written so shapes stay stable
 * (a field that is absent when empty says so with {@code @JsonbNillable(false)}).
 */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    /** Also for the few answers written outside JAX-RS (the authentication mechanism's 401). */
    static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(JsonNames.SNAKE_CASE)
            .withNullValues(true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
