package io.opsplane.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem detail: what every error of the API looks like. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public Problem withCorrelationId(String id) {
        return new Problem(type, title, status, detail, id);
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(PROBLEM_JSON).entity(this);
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"opsplane\"");
        }
        return response.build();
    }
}
