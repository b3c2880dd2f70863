package org.opsmon.monitoring.platform.boundary;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Every other failure: JAX-RS status exceptions keep their status with the API's error shape,
 * unreadable bodies become 400, and only genuine server faults become 500 (logged, never echoed).
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RequestProblem problem) {
            return RequestProblemMapper.toResponseOf(problem);
        }
        if (cause instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.SEVERE, "Request failed", web);
                return ErrorBody.response(status, ErrorBody.codeFor(status), "The server could not complete the request");
            }
            Throwable inner = web.getCause();
            if (status == 400 && inner != null && isUnreadable(inner)) {
                return ErrorBody.response(400, "invalid_json", "The request body is not valid JSON of the expected shape");
            }
            return ErrorBody.response(status, ErrorBody.codeFor(status), web.getMessage());
        }
        if (cause instanceof EJBAccessException) {
            return ErrorBody.response(403, "forbidden", "Your role does not allow this");
        }
        if (isUnreadable(cause)) {
            return ErrorBody.response(400, "invalid_json", "The request body is not valid JSON of the expected shape");
        }
        LOG.log(Level.SEVERE, "Request failed", failure);
        return ErrorBody.response(500, "internal_error", "The server could not complete the request");
    }

    private static boolean isUnreadable(Throwable t) {
        return t instanceof JsonbException || t instanceof JsonException || t instanceof ProcessingException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof EJBException && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof jakarta.transaction.TransactionalException && current.getCause() != null) {
            current = current.getCause();
        }
        // A parameter converter can only reject a value with a WebApplicationException: it carries the problem.
        if (current instanceof WebApplicationException && current.getCause() instanceof RequestProblem problem) {
            return problem;
        }
        return current;
    }
}
