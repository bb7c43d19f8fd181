package io.opsplane.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProblemTest {

    @Test
    void ofBuildsAnAboutBlankProblemWithoutCorrelationId() {
        Problem problem = Problem.of(404, "Not Found", "no pipeline named 'x'");

        assertEquals(new Problem("about:blank", "Not Found", 404, "no pipeline named 'x'", null), problem);
    }

    @Test
    void withCorrelationIdKeepsEverythingElse() {
        Problem problem = Problem.of(400, "Bad Request", "bad").withCorrelationId("corr-1");

        assertEquals(new Problem("about:blank", "Bad Request", 400, "bad", "corr-1"), problem);
    }

    @Test
    void theMediaTypeIsProblemJson() {
        assertEquals("application/problem+json", Problem.MEDIA_TYPE);
        assertEquals("application", Problem.PROBLEM_JSON.getType());
        assertEquals("problem+json", Problem.PROBLEM_JSON.getSubtype());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 429, 499, 500, 503})
    void theResponseCarriesTheStatusTheProblemAndTheProblemMediaType(int status) {
        Problem problem = Problem.of(status, "Title", "detail");

        Response response = problem.toResponse();

        assertEquals(status, response.getStatus());
        assertEquals("application/problem+json", response.getHeaderString(HttpHeaders.CONTENT_TYPE));
        assertSame(problem, response.getEntity());
    }

    @Test
    void unauthorizedAsksForABearerToken() {
        Response response = Problem.of(401, "Unauthorized", "token expired").toResponse();

        assertEquals("Bearer realm=\"opsplane\"", response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 500, 503})
    void otherStatusesDoNotAskForCredentials(int status) {
        Response response = Problem.of(status, "Title", "detail").toResponse();

        assertNull(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
    }
}
