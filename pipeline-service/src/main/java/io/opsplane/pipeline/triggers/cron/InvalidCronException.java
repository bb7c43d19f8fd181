package io.opsplane.pipeline.triggers.cron;

/** A cron expression or time zone that cannot be used, with a message naming the field at fault. */
public class InvalidCronException extends IllegalArgumentException {

    public InvalidCronException(String message) {
        super(message);
    }
}
