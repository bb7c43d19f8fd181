package io.opsplane.platform.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.platform.events.PoisonEventException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FailureClassifierTest {

    /** Stands for the PostgreSQL clients' exceptions, which carry a SQL state. */
    static class SqlStateException extends RuntimeException {
        private final String state;

        SqlStateException(String state) {
            super("ERROR: something (SQLSTATE " + state + ")");
            this.state = state;
        }

        public String getSqlState() {
            return state;
        }
    }

    /** Hibernate spells it getSQLState. */
    static class JdbcStyleException extends RuntimeException {
        private final String state;

        JdbcStyleException(String state, Throwable cause) {
            super("could not execute statement", cause);
            this.state = state;
        }

        public String getSQLState() {
            return state;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "22021, PERMANENT",   // invalid byte sequence (U+0000 in text)
        "22001, PERMANENT",   // value too long for the column
        "23505, PERMANENT",   // unique violation
        "23503, PERMANENT",   // foreign key violation
        "23502, PERMANENT",   // not null violation
        "42703, PERMANENT",   // undefined column
        "54000, PERMANENT",   // program limit exceeded
        "40001, RETRYABLE",   // serialization failure
        "40P01, RETRYABLE",   // deadlock
        "55P03, RETRYABLE",   // lock not available
        "57014, RETRYABLE",   // statement timeout
        "08006, UNAVAILABLE", // connection failure
        "08001, UNAVAILABLE", // cannot connect
        "53300, UNAVAILABLE", // too many connections
        "57P01, UNAVAILABLE", // admin shutdown
        "57P03, UNAVAILABLE", // cannot connect now (starting up)
        "XX000, RETRYABLE",   // internal error
        "abc, RETRYABLE"})
    void sqlStatesDecide(String state, FailureKind expected) {
        assertEquals(expected, FailureClassifier.classify(new SqlStateException(state)));
        assertEquals(expected, FailureClassifier.classify(new JdbcStyleException(state, null)));
        assertEquals(expected, FailureClassifier.classify(new CompletionException(new SqlStateException(state))));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new PoisonEventException("bad"), FailureKind.PERMANENT),
                Arguments.of(new IllegalArgumentException("bad"), FailureKind.PERMANENT),
                Arguments.of(new RecordTooLargeException("big"), FailureKind.PERMANENT),
                Arguments.of(new TopicAuthorizationException("denied"), FailureKind.PERMANENT),
                Arguments.of(new NotEnoughReplicasException("later"), FailureKind.UNAVAILABLE),
                Arguments.of(new TimeoutException("later"), FailureKind.UNAVAILABLE),
                Arguments.of(new UnknownTopicOrPartitionException("metadata"), FailureKind.UNAVAILABLE),
                Arguments.of(new ConnectException("Connection refused"), FailureKind.UNAVAILABLE),
                Arguments.of(new RuntimeException("Connection refused: /127.0.0.1:5432"), FailureKind.UNAVAILABLE),
                Arguments.of(new IllegalStateException("Pool closed"), FailureKind.UNAVAILABLE),
                Arguments.of(new NullPointerException(), FailureKind.RETRYABLE),
                Arguments.of(new RuntimeException("wrapped", new RecordTooLargeException("big")), FailureKind.PERMANENT),
                // A permanent cause wins over a transient-looking wrapper: the record is at fault.
                Arguments.of(new JdbcStyleException("08006", new SqlStateException("23505")), FailureKind.PERMANENT),
                Arguments.of(new JdbcStyleException("40001", new SqlStateException("08006")), FailureKind.RETRYABLE));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void exceptionsDecide(Throwable failure, FailureKind expected) {
        assertEquals(expected, FailureClassifier.classify(failure));
    }
}
