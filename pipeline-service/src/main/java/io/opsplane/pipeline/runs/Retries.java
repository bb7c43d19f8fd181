package io.opsplane.pipeline.runs;

/** Failures worth one more try: PostgreSQL gave up on a transaction to break a deadlock or a serialization conflict. */
final class Retries {

    private Retries() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("40P01") || message.contains("40001")
                    || message.contains("deadlock detected"))) {
                return true;
            }
        }
        return false;
    }
}
