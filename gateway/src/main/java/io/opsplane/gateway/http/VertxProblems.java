package io.opsplane.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Answers with a {@link Problem} from a Vert.x route, for the errors found before a request reaches
 * the REST layer (whose exception mappers write every other problem).
 */
@ApplicationScoped
public class VertxProblems {

    @Inject
    ObjectMapper json;

    /** Ends the response with {@code problem}, given the request's correlation id. */
    public void end(RoutingContext context, Problem problem) {
        Problem withId = problem.withCorrelationId(Correlation.resolve(context.request().getHeader(Correlation.HEADER)));
        String body;
        try {
            body = json.writeValueAsString(withId);
        } catch (JsonProcessingException e) {
            // A record of strings and an int always serializes; this keeps the answer a problem regardless.
            body = "{\"type\":\"about:blank\",\"status\":" + problem.status() + "}";
        }
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
