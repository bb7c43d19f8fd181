package io.opsplane.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.opsplane.gateway.trace.Correlation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves the gateway as problem+json: no stack trace, no class name, no SQL. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response grpc(StatusRuntimeException e, HttpHeaders headers) {
        return respond(GrpcProblems.of(e.getStatus()), headers);
    }

    @ServerExceptionMapper
    public Response grpcChecked(StatusException e, HttpHeaders headers) {
        return respond(GrpcProblems.of(e.getStatus()), headers);
    }

    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e, HttpHeaders headers) {
        return respond(Problem.of(400, "Bad Request", e.getMessage()), headers);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpHeaders headers) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(Problem.of(400, "Bad Request", "the body is not valid JSON for this operation" + where), headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = status == 404 ? "no such resource" : status == 405 ? "method not allowed on this resource"
                : status == 415 ? "unsupported media type; send application/json" : reason;
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, headers);
        }
        return respond(Problem.of(status, reason, detail), headers);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "internal error %s", errorId);
        return respond(Problem.of(500, "Internal Server Error", "internal error " + errorId), headers);
    }

    private static Response respond(Problem problem, HttpHeaders headers) {
        String requested = headers == null ? null : headers.getHeaderString(Correlation.HEADER);
        return problem.withCorrelationId(Correlation.resolve(requested)).toResponse();
    }
}
