package io.opsplane.platform.outbox;

import io.opsplane.platform.failure.FailureClassifier;
import io.opsplane.platform.failure.FailureKind;
import java.util.Set;

/**
 * What the relay does with each outbox row of a pass: plain decisions, kept apart from the database
 * and the broker so they can be tested on their own.
 */
public final class RelayVerdicts {

    /** What becomes of a row after a pass. */
    public enum Outcome {
        /** Kafka acknowledged it: mark it published. */
        PUBLISHED,
        /** It failed in a way that may pass: count the attempt, try again on a later pass. */
        RETRY,
        /** It will never be accepted: set it aside; its aggregate's later rows wait behind it. */
        QUARANTINE
    }

    /** The verdict on one row, with the error to record (null when published). */
    public record Verdict(Outcome outcome, String error) {
    }

    private RelayVerdicts() {
    }

    /**
     * Checks a row before it is sent; returns why Kafka could never accept it, or null. A topic
     * outside {@code allowedTopics} would be created by nobody (or by mistake); a record larger than
     * the producer's {@code max.request.size} is refused by the client.
     */
    public static String refusalBeforeSend(String topic, int recordBytes, Set<String> allowedTopics,
            int maxRecordBytes) {
        if (!allowedTopics.contains(topic)) {
            return "topic '" + topic + "' is not a topic this service writes";
        }
        if (recordBytes > maxRecordBytes) {
            return "the record is " + recordBytes + " bytes, more than the " + maxRecordBytes
                    + " bytes Kafka accepts (max.request.size)";
        }
        return null;
    }

    /** The verdict on a row whose send failed, after {@code attemptsBefore} earlier failed attempts. */
    public static Verdict afterFailure(Throwable failure, int attemptsBefore, int maxAttempts) {
        String error = describe(failure);
        return switch (FailureClassifier.classify(failure)) {
            case PERMANENT -> new Verdict(Outcome.QUARANTINE, error);
            case RETRYABLE -> new Verdict(attemptsBefore + 1 >= maxAttempts ? Outcome.QUARANTINE : Outcome.RETRY,
                    error);
            case UNAVAILABLE -> new Verdict(Outcome.RETRY, error);
        };
    }

    /** Whether a failure counts as an attempt of the row (a broker that is down is nobody's attempt). */
    public static boolean counts(Throwable failure) {
        return FailureClassifier.classify(failure) != FailureKind.UNAVAILABLE;
    }

    static String describe(Throwable failure) {
        Throwable shown = failure;
        while ((shown instanceof java.util.concurrent.CompletionException
                || shown instanceof java.util.concurrent.ExecutionException) && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String text = shown.getClass().getSimpleName() + ": " + shown.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
