package org.opsmon.monitoring.history.boundary;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import org.opsmon.monitoring.history.entity.TimeRange;
import org.opsmon.monitoring.platform.boundary.QueryParameters;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Instant query parameters (start, end): unix seconds with fractions or ISO-8601 instants; a
 * value that is neither is a 400 {@code invalid_time} naming the parameter, a blank one is absent.
 */
@Provider
public class TimeParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = QueryParameters.nameOf(annotations);
        if (rawType != Instant.class || name == null) {
            return null;
        }
        return (ParamConverter<T>) new ParamConverter<Instant>() {
            @Override
            public Instant fromString(String value) {
                try {
                    return TimeRange.instant(name, value);
                } catch (RequestProblem problem) {
                    throw QueryParameters.rejected(problem);
                }
            }

            @Override
            public String toString(Instant value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
