package io.opsplane.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.opsplane.gateway.http.BodySizeLimit;
import io.opsplane.gateway.http.BodyTooLargeException;
import io.opsplane.gateway.trace.Correlation;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure leaves the gateway as problem+json: no stack trace, no class name, no SQL. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A step of a field's path worth repeating in a detail (a name of the API or an index), not arbitrary input. */
    private static final Pattern FIELD_NAME = Pattern.compile("^([A-Za-z0-9_]{1,64}|\\[\\d{1,9}])$");

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
        return respond(Problem.of(400, "Bad Request", "the body is not valid JSON for this operation" + where(e)),
                headers);
    }

    /**
     * Well-formed JSON of the wrong shape: an array or a string where an object is expected, or a field
     * of the wrong type. Without this, Quarkus's own mapper for it answers 400 with an empty body.
     */
    @ServerExceptionMapper
    public Response wrongJsonShape(MismatchedInputException e, HttpHeaders headers) {
        List<String> path = e.getPath().stream().map(ProblemMappers::step).toList();
        String detail = path.isEmpty() ? "the body must be a JSON object with the fields of this operation"
                : path.stream().allMatch(FIELD_NAME.asMatchPredicate())
                        ? "the field " + String.join(".", path).replace(".[", "[") + " of the body has the wrong type"
                        : "a field of the body has the wrong type";
        return respond(Problem.of(400, "Bad Request", detail + where(e)), headers);
    }

    /** A body without a declared length that ran over the limit; the rest of it is not read. */
    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e, HttpHeaders headers) {
        return Response.fromResponse(respond(BodySizeLimit.tooLarge(e.limit()), headers))
                .header("Connection", "close").build();
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

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String step(JsonMappingException.Reference reference) {
        return reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]";
    }

    private static Response respond(Problem problem, HttpHeaders headers) {
        String requested = headers == null ? null : headers.getHeaderString(Correlation.HEADER);
        return problem.withCorrelationId(Correlation.resolve(requested)).toResponse();
    }
}
