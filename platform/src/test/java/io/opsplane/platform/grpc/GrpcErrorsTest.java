package io.opsplane.platform.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.errors.DomainException;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class GrpcErrorsTest {

    private static final Pattern INTERNAL_DESCRIPTION =
            Pattern.compile("internal error [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Map<DomainException.Kind, Status.Code> CODES = new EnumMap<>(DomainException.Kind.class);

    static {
        CODES.put(DomainException.Kind.INVALID_ARGUMENT, Status.Code.INVALID_ARGUMENT);
        CODES.put(DomainException.Kind.NOT_FOUND, Status.Code.NOT_FOUND);
        CODES.put(DomainException.Kind.ALREADY_EXISTS, Status.Code.ALREADY_EXISTS);
        CODES.put(DomainException.Kind.CONFLICT, Status.Code.ABORTED);
        CODES.put(DomainException.Kind.FAILED_PRECONDITION, Status.Code.FAILED_PRECONDITION);
        CODES.put(DomainException.Kind.UNAUTHENTICATED, Status.Code.UNAUTHENTICATED);
        CODES.put(DomainException.Kind.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED);
    }

    private static Status statusOf(Throwable failure) {
        return assertInstanceOf(StatusRuntimeException.class, GrpcErrors.toStatus(failure)).getStatus();
    }

    @ParameterizedTest
    @EnumSource(DomainException.Kind.class)
    void everyDomainKindMapsToItsCodeAndKeepsTheMessage(DomainException.Kind kind) {
        Status.Code expected = CODES.get(kind);
        assertNotNull(expected, "no expectation for " + kind);

        Status status = statusOf(new DomainException(kind, "pipeline 'build' " + kind));

        assertEquals(expected, status.getCode());
        assertEquals("pipeline 'build' " + kind, status.getDescription());
        assertEquals(expected, GrpcErrors.statusOf(kind).getCode());
    }

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of(DomainException.invalid("name is required"), Status.Code.INVALID_ARGUMENT),
                Arguments.of(DomainException.notFound("no pipeline named 'x'"), Status.Code.NOT_FOUND),
                Arguments.of(DomainException.conflict("version 3 exists"), Status.Code.ABORTED),
                Arguments.of(DomainException.unauthenticated("token expired"), Status.Code.UNAUTHENTICATED),
                Arguments.of(DomainException.permissionDenied("admin role required"), Status.Code.PERMISSION_DENIED));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("factories")
    void domainFactoriesMapLikeTheirKind(DomainException failure, Status.Code code) {
        Status status = statusOf(failure);

        assertEquals(code, status.getCode());
        assertEquals(failure.getMessage(), status.getDescription());
    }

    @Test
    void anIllegalArgumentIsAnInvalidArgumentWithItsMessage() {
        Status status = statusOf(new IllegalArgumentException("limit must be between 1 and 1000"));

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("limit must be between 1 and 1000", status.getDescription());
    }

    @Test
    void anIllegalArgumentWithoutMessageHasNoDescription() {
        Status status = statusOf(new IllegalArgumentException());

        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertNull(status.getDescription());
    }

    @Test
    void aStatusRuntimeExceptionPassesThroughUnchanged() {
        StatusRuntimeException failure = Status.RESOURCE_EXHAUSTED.withDescription("slow down").asRuntimeException();

        assertSame(failure, GrpcErrors.toStatus(failure));
    }

    static Stream<Throwable> unexpected() {
        return Stream.of(
                new RuntimeException("SELECT * FROM secret"),
                new NullPointerException("Cannot invoke \"String.length()\" because \"secret\" is null"),
                new IllegalStateException("connection to db-1.internal:5432 refused"),
                new IOException("/etc/opsplane/secret.key"),
                new UnsupportedOperationException());
    }

    @ParameterizedTest
    @MethodSource("unexpected")
    void anythingElseIsInternalWithAnErrorIdAndNothingOfTheCause(Throwable failure) {
        Status status = statusOf(failure);

        assertEquals(Status.Code.INTERNAL, status.getCode());
        String description = status.getDescription();
        assertTrue(description.startsWith("internal error "), description);
        assertTrue(INTERNAL_DESCRIPTION.matcher(description).matches(), description);
        if (failure.getMessage() != null) {
            assertFalse(description.contains(failure.getMessage()), description);
        }
        assertFalse(description.contains(failure.getClass().getSimpleName()), description);
    }

    @Test
    void eachInternalErrorGetsItsOwnId() {
        RuntimeException failure = new RuntimeException("SELECT * FROM secret");

        assertNotEquals(statusOf(failure).getDescription(), statusOf(failure).getDescription());
    }
}
