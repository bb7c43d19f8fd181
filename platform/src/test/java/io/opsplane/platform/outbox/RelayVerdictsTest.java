package io.opsplane.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.outbox.RelayVerdicts.Outcome;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelayVerdictsTest {

    private static final Set<String> TOPICS = Set.of("opsplane.pipeline.events", "opsplane.pipeline.dead-letter");

    @Test
    void rowsKafkaWouldNeverTakeAreRefusedBeforeTheyAreSent() {
        assertNull(RelayVerdicts.refusalBeforeSend("opsplane.pipeline.events", 500, TOPICS, 1000));
        assertTrue(RelayVerdicts.refusalBeforeSend("opsplane.nowhere", 500, TOPICS, 1000).contains("not a topic"));
        assertTrue(RelayVerdicts.refusalBeforeSend("opsplane.pipeline.events", 1001, TOPICS, 1000)
                .contains("1001 bytes"));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new RecordTooLargeException("too large"), 0, Outcome.QUARANTINE),
                Arguments.of(new TopicAuthorizationException("denied"), 0, Outcome.QUARANTINE),
                Arguments.of(new ExecutionException(new RecordTooLargeException("x")), 0, Outcome.QUARANTINE),
                Arguments.of(new NetworkException("broker gone"), 0, Outcome.RETRY),
                Arguments.of(new NetworkException("broker gone"), 99, Outcome.RETRY),
                Arguments.of(new IllegalStateException("odd"), 0, Outcome.RETRY),
                Arguments.of(new IllegalStateException("odd"), 2, Outcome.QUARANTINE));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failedSendsAreRetriedOrQuarantined(Throwable failure, int attemptsBefore, Outcome expected) {
        assertEquals(expected, RelayVerdicts.afterFailure(failure, attemptsBefore, 3).outcome());
    }

    @Test
    void aBrokerThatIsDownIsNobodysAttempt() {
        assertEquals(false, RelayVerdicts.counts(new NetworkException("down")));
        assertEquals(true, RelayVerdicts.counts(new IllegalStateException("odd")));
        assertEquals("RecordTooLargeException: big",
                RelayVerdicts.afterFailure(new ExecutionException(new RecordTooLargeException("big")), 0, 3).error());
    }
}
