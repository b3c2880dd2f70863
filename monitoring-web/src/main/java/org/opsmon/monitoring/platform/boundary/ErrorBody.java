package org.opsmon.monitoring.platform.boundary;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The one error shape of the API: {"error": code, "message": sentence}. */
public record ErrorBody(String error, String message) {

    public ErrorBody {
        message = message == null ? "" : message;
    }

    public static String json(String code, String message) {
        return JsonbSettings.JSONB.toJson(new ErrorBody(code, message));
    }

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message))
                .build();
    }

    /** A stable machine-readable code for a status when no more precise one is known. */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            default -> status >= 500 ? "internal_error" : "error";
        };
    }
}
