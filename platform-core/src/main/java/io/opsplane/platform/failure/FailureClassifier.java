package io.opsplane.platform.failure;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sorts a failure into {@link FailureKind}. It walks the cause chain and reads what the failure says
 * of itself: a SQL state (any exception with {@code getSqlState()} or {@code getSQLState()}, as the
 * PostgreSQL clients and Hibernate have), a Kafka error class, or a JDK network error. Framework types
 * are matched by name so this stays plain Java.
 */
public final class FailureClassifier {

    /** Kafka errors that no retry fixes: the record or its destination is wrong. */
    private static final Set<String> KAFKA_PERMANENT = Set.of(
            "org.apache.kafka.common.errors.RecordTooLargeException",
            "org.apache.kafka.common.errors.RecordBatchTooLargeException",
            "org.apache.kafka.common.errors.InvalidTopicException",
            "org.apache.kafka.common.errors.InvalidRecordException",
            "org.apache.kafka.common.errors.SerializationException",
            "org.apache.kafka.common.errors.TopicAuthorizationException",
            "org.apache.kafka.common.errors.ClusterAuthorizationException",
            "org.apache.kafka.common.errors.InvalidRequiredAcksException",
            "org.apache.kafka.common.InvalidRecordException");

    private static final Set<String> PERMANENT_TYPES = Set.of(
            "io.opsplane.platform.events.PoisonEventException",
            "java.lang.IllegalArgumentException",
            "java.lang.NumberFormatException",
            "java.nio.charset.CharacterCodingException",
            "java.nio.charset.MalformedInputException",
            "com.google.protobuf.InvalidProtocolBufferException",
            "jakarta.validation.ConstraintViolationException",
            "io.opsplane.platform.errors.DomainException");

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable failure) {
        FailureKind kind = null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            FailureKind own = own(t);
            if (own == FailureKind.PERMANENT) {
                return own;
            }
            if (own != null && kind == null) {
                kind = own;
            }
        }
        return kind == null ? FailureKind.RETRYABLE : kind;
    }

    /** The kind one exception states by itself, ignoring its causes; null when it says nothing. */
    private static FailureKind own(Throwable t) {
        String sqlState = sqlStateOf(t);
        if (sqlState != null) {
            return ofSqlState(sqlState);
        }
        String type = t.getClass().getName();
        if (PERMANENT_TYPES.contains(type) || KAFKA_PERMANENT.contains(type)) {
            return FailureKind.PERMANENT;
        }
        if (isA(t, "org.apache.kafka.common.errors.AuthorizationException")
                || isA(t, "org.apache.kafka.common.errors.AuthenticationException")) {
            return FailureKind.PERMANENT;
        }
        if (isA(t, "org.apache.kafka.common.errors.RetriableException")
                || isA(t, "org.apache.kafka.common.errors.DisconnectException")) {
            return FailureKind.UNAVAILABLE;
        }
        if (t instanceof IOException || isA(t, "io.vertx.core.net.impl.ConnectTimeoutException")
                || isA(t, "io.vertx.core.VertxException") && connectionLost(t.getMessage())
                || isA(t, "io.vertx.sqlclient.ClosedConnectionException")) {
            return FailureKind.UNAVAILABLE;
        }
        if (connectionLost(t.getMessage())) {
            return FailureKind.UNAVAILABLE;
        }
        return null;
    }

    /**
     * PostgreSQL's error classes (appendix A of its manual): data and integrity errors are the
     * record's fault; connection, resource and shutdown errors are the server's state; conflicts
     * between transactions pass on retry.
     */
    public static FailureKind ofSqlState(String sqlState) {
        if (sqlState.length() != 5) {
            return FailureKind.RETRYABLE;
        }
        String errorClass = sqlState.substring(0, 2);
        return switch (errorClass) {
            case "22", "23", "42", "54", "2F", "P0" -> FailureKind.PERMANENT;
            case "08", "53", "58" -> FailureKind.UNAVAILABLE;
            case "57" -> sqlState.equals("57014") ? FailureKind.RETRYABLE : FailureKind.UNAVAILABLE;
            default -> FailureKind.RETRYABLE;
        };
    }

    private static boolean connectionLost(String message) {
        if (message == null) {
            return false;
        }
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("connection refused") || m.contains("connection is closed")
                || m.contains("connection reset") || m.contains("pool closed") || m.contains("closed connection");
    }

    private static String sqlStateOf(Throwable t) {
        for (String name : new String[] {"getSqlState", "getSQLState"}) {
            try {
                Method method = t.getClass().getMethod(name);
                if (method.getReturnType() == String.class) {
                    Object state = method.invoke(t);
                    if (state instanceof String s && !s.isBlank()) {
                        return s;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not an exception that knows its SQL state
            }
        }
        return null;
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
