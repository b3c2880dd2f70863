package org.opsmon.monitoring.platform.boundary;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * Integer and Long query parameters: a value that is not a whole number is a 400
 * {@code invalid_<name>} naming the parameter, where JAX-RS would answer 404. A blank value
 * counts as absent, so the resource's default applies.
 */
@Provider
public class WholeNumberParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = QueryParameters.nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Long::valueOf);
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Integer::valueOf);
        }
        return null;
    }

    private record WholeNumber<N extends Number>(String name, Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            // Checked before trimming, which would silently drop a NUL at either end.
            TextParameters.checked(name, value, TextRule.MAX_TEXT);
            try {
                return parse.apply(value.trim());
            } catch (NumberFormatException e) {
                throw QueryParameters.rejected(RequestProblem.badRequest("invalid_" + name,
                        name + " must be a whole number, got " + value));
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
