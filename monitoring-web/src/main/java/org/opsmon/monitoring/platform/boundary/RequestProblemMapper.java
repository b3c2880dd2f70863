package org.opsmon.monitoring.platform.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.opsmon.monitoring.platform.entity.RequestProblem;

@Provider
public class RequestProblemMapper implements ExceptionMapper<RequestProblem> {

    @Override
    public Response toResponse(RequestProblem problem) {
        return toResponseOf(problem);
    }

    static Response toResponseOf(RequestProblem problem) {
        Response response = ErrorBody.response(problem.status(), problem.code(), problem.getMessage());
        if (problem.retryAfterSeconds() != null) {
            return Response.fromResponse(response).header("Retry-After", problem.retryAfterSeconds()).build();
        }
        return response;
    }
}
