package io.opsplane.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error the gateway itself answers, for an authenticated caller, is problem+json with the
 * correlation id and nothing of the gateway's insides. Run against the launched platform (a nested
 * class of {@link PlatformScenarioIT}), with its real security-service.
 */
abstract class GatewayProblemsChecks {

    private final URL pipelines = url("/api/v1/pipelines");

    private static URL url(String path) {
        try {
            return java.net.URI.create(io.restassured.RestAssured.baseURI + path).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RequestSpecification authenticated() {
        return given().header("Authorization", "Bearer " + PlatformScenarioIT.token)
                .header("X-Correlation-Id", "err-1");
    }

    /** The shape of every problem, and none of the words that would give the implementation away. */
    private static ValidatableResponse assertProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("correlationId", equalTo("err-1"))
                .body(not(containsString("Exception")))
                .body(not(containsString("io.opsplane")))
                .body(not(containsString("java.")))
                .body(not(containsString("jackson")))
                .body(not(containsString("Views")))
                .body(not(containsString("\tat ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\":\"web\"}]", "\"web\"", "42", "true"})
    void aJsonBodyThatIsNotAnObjectIs400(String body) {
        assertProblem(authenticated().contentType("application/json").body(body)
                .when().post("/api/v1/pipelines").then(), 400)
                .body("detail", containsString("JSON object"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "{name: 'web'}", "{\"name\":\"web\"} trailing", "\u0000"})
    void malformedJsonIs400(String body) {
        assertProblem(authenticated().contentType("application/json").body(body)
                .when().post("/api/v1/pipelines").then(), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":{\"x\":1}}", "{\"name\":[\"web\"]}", "{\"roles\":\"admin\"}"})
    void aFieldOfTheWrongTypeIs400(String body) {
        assertProblem(authenticated().contentType("application/json").body(body)
                .when().post("/api/v1/tokens").then(), 400)
                .body("detail", containsString("has the wrong type"));
    }

    @Test
    void anUnsupportedMediaTypeIs415() {
        assertProblem(authenticated().contentType("text/plain").body("name=web")
                .when().post("/api/v1/pipelines").then(), 415);
    }

    @ParameterizedTest
    @CsvSource({"PUT,/api/v1/pipelines", "DELETE,/api/v1/whoami", "GET,/api/v1/tokens/x", "PATCH,/api/v1/events"})
    void aMethodTheResourceDoesNotHaveIs405(String method, String path) {
        assertProblem(authenticated().contentType("application/json").body("{}").when().request(method, path).then(),
                405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html"})
    void anUnacceptableResponseTypeIs406(String accept) {
        assertProblem(authenticated().accept(accept).when().get("/api/v1/whoami").then(), 406);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/no-such-thing", "/api/v2/whoami", "/api", "/anything", "/api/v1/pipelines/a/b/c"})
    void anUnknownPathIs404(String path) {
        assertProblem(authenticated().when().get(path).then(), 404);
    }

    /** Without Content-Length the size is known only while reading; the answer must still be a problem. */
    @Test
    void anOversizedChunkedBodyIs413Problem() throws Exception {
        byte[] body = ("{\"name\":\"x\",\"definition\":\"" + "a".repeat(1_100_000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(pipelines.toURI())
                .header("Authorization", "Bearer " + PlatformScenarioIT.token)
                .header("X-Correlation-Id", "err-1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"correlationId\":\"err-1\""), response.body());
    }

    @Test
    void aBadQueryParameterIs400() {
        assertProblem(authenticated().queryParam("limit", "many").when().get("/api/v1/events").then(), 400);
    }
}
