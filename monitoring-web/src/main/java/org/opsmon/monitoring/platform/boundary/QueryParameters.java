package org.opsmon.monitoring.platform.boundary;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import java.lang.annotation.Annotation;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** What the API's query parameter converters share. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The name of the query parameter these annotations declare, or null for any other kind. */
    public static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
        }
        return null;
    }

    /**
     * The answer to a value a converter cannot take. Converters may only throw
     * WebApplicationException (anything else becomes a 404); the error mapper answers with the
     * problem it carries.
     */
    public static WebApplicationException rejected(RequestProblem problem) {
        return new WebApplicationException(problem, problem.status());
    }
}
