package io.opsplane.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrpcProblemsTest {

    private record Expected(int status, String title) {
    }

    private static final Map<Status.Code, Expected> HTTP = new EnumMap<>(Status.Code.class);

    static {
        HTTP.put(Status.Code.OK, new Expected(500, "Internal Server Error"));
        HTTP.put(Status.Code.CANCELLED, new Expected(499, "Client Closed Request"));
        HTTP.put(Status.Code.UNKNOWN, new Expected(500, "Internal Server Error"));
        HTTP.put(Status.Code.INVALID_ARGUMENT, new Expected(400, "Bad Request"));
        HTTP.put(Status.Code.DEADLINE_EXCEEDED, new Expected(504, "Gateway Timeout"));
        HTTP.put(Status.Code.NOT_FOUND, new Expected(404, "Not Found"));
        HTTP.put(Status.Code.ALREADY_EXISTS, new Expected(409, "Conflict"));
        HTTP.put(Status.Code.PERMISSION_DENIED, new Expected(403, "Forbidden"));
        HTTP.put(Status.Code.RESOURCE_EXHAUSTED, new Expected(429, "Too Many Requests"));
        HTTP.put(Status.Code.FAILED_PRECONDITION, new Expected(400, "Bad Request"));
        HTTP.put(Status.Code.ABORTED, new Expected(409, "Conflict"));
        HTTP.put(Status.Code.OUT_OF_RANGE, new Expected(400, "Bad Request"));
        HTTP.put(Status.Code.UNIMPLEMENTED, new Expected(501, "Not Implemented"));
        HTTP.put(Status.Code.INTERNAL, new Expected(500, "Internal Server Error"));
        HTTP.put(Status.Code.UNAVAILABLE, new Expected(503, "Service Unavailable"));
        HTTP.put(Status.Code.DATA_LOSS, new Expected(500, "Internal Server Error"));
        HTTP.put(Status.Code.UNAUTHENTICATED, new Expected(401, "Unauthorized"));
    }

    @ParameterizedTest
    @EnumSource(Status.Code.class)
    void everyGrpcCodeMapsToItsHttpStatusAndTitle(Status.Code code) {
        Expected expected = HTTP.get(code);
        assertNotNull(expected, "no expectation for " + code);

        Problem problem = GrpcProblems.of(Status.fromCode(code).withDescription("some detail"));

        assertEquals(expected.status(), problem.status());
        assertEquals(expected.title(), problem.title());
        assertEquals("about:blank", problem.type());
        assertNull(problem.correlationId());
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"INVALID_ARGUMENT", "OUT_OF_RANGE", "FAILED_PRECONDITION",
        "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND", "ALREADY_EXISTS", "ABORTED", "RESOURCE_EXHAUSTED"})
    void callerFacingCodesKeepTheStatusDescriptionAsDetail(Status.Code code) {
        Problem problem = GrpcProblems.of(Status.fromCode(code).withDescription("pipeline 'x' not found"));

        assertEquals("pipeline 'x' not found", problem.detail());
    }

    @Test
    void anInvalidArgumentWithoutDescriptionHasNoDetail() {
        assertNull(GrpcProblems.of(Status.INVALID_ARGUMENT).detail());
    }

    static Stream<Arguments> fixedDetails() {
        return Stream.of(
                Arguments.of(Status.Code.UNIMPLEMENTED, "this operation is not available"),
                Arguments.of(Status.Code.UNAVAILABLE, "a service behind the gateway is unavailable; try again shortly"),
                Arguments.of(Status.Code.DEADLINE_EXCEEDED, "a service behind the gateway did not answer in time"),
                Arguments.of(Status.Code.CANCELLED, "the request was cancelled"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedDetails")
    void transportCodesUseAFixedDetailInsteadOfTheDescription(Status.Code code, String detail) {
        Status status = Status.fromCode(code)
                .withDescription("io.netty.channel.ConnectTimeoutException: connection timed out: /10.0.0.5:9000");

        assertEquals(detail, GrpcProblems.of(status).detail());
    }

    @ParameterizedTest
    @EnumSource(value = Status.Code.class, names = {"INTERNAL", "UNKNOWN", "DATA_LOSS"})
    void aServerErrorKeepsAnErrorIdDescription(Status.Code code) {
        Problem problem = GrpcProblems.of(Status.fromCode(code).withDescription("internal error abc"));

        assertEquals(500, problem.status());
        assertEquals("internal error abc", problem.detail());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "java.lang.NullPointerException at Foo.bar",
        "ERROR: relation \"secret\" does not exist",
        "",
        "internal error",
        "internal errorabc",
        "Internal error abc",
        " internal error abc"
    })
    void anyOtherInternalDescriptionIsNotLeaked(String description) {
        Problem problem = GrpcProblems.of(Status.INTERNAL.withDescription(description));

        assertEquals(500, problem.status());
        assertEquals("internal error", problem.detail());
    }

    @Test
    void anUnknownStatusWithAStackTraceLikeDescriptionIsNotLeaked() {
        Problem problem = GrpcProblems.of(Status.UNKNOWN.withDescription("java.lang.IllegalStateException: boom"));

        assertEquals("internal error", problem.detail());
    }
}
