package org.opsmon.monitoring.platform.boundary;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/**
 * Every String path and query parameter, in one place: a value that breaks the {@link TextRule}
 * or is longer than what it is compared with is a 400 {@code invalid_<name>} naming the
 * parameter, before any resource hands it to the database (which answers a NUL with an error,
 * not with "no such row").
 */
@Provider
public class TextParameters implements ParamConverterProvider {

    /** Parameters compared with a column: a longer value can match nothing. */
    static final Map<String, Integer> MAX_LENGTHS = Map.of(
            "client", ColumnSizes.CLIENT_NAME,
            "username", Accounts.MAX_USERNAME_LENGTH,
            "user", ColumnSizes.COMMAND_USERNAME,
            "metric", ColumnSizes.SERIES_METRIC);

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != String.class) {
            return null;
        }
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        int maxLength = MAX_LENGTHS.getOrDefault(name, TextRule.MAX_TEXT);
        return (ParamConverter<T>) new ParamConverter<String>() {
            @Override
            public String fromString(String value) {
                try {
                    return checked(name, value, maxLength);
                } catch (RequestProblem problem) {
                    throw QueryParameters.rejected(problem);
                }
            }

            @Override
            public String toString(String value) {
                return value;
            }
        };
    }

    /** The value when it follows the rule and fits {@code maxLength}; a 400 {@code invalid_<name>} otherwise. */
    public static String checked(String name, String value, int maxLength) {
        return checked("invalid_" + name, name, value, maxLength);
    }

    /** The same check for parameters whose names vary (label.NAME), answered with a fixed code. */
    public static String checked(String code, String name, String value, int maxLength) {
        String problem = TextRule.problem(value, maxLength);
        if (problem != null) {
            throw RequestProblem.badRequest(code, name + " " + problem);
        }
        return value;
    }

    private static String nameOf(Annotation[] annotations) {
        String query = QueryParameters.nameOf(annotations);
        if (query != null) {
            return query;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return null;
    }
}
