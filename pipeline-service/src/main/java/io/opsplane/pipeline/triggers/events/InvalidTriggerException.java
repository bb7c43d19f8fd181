package io.opsplane.pipeline.triggers.events;

/** An event trigger that cannot be used, with a message naming the part at fault. */
public class InvalidTriggerException extends IllegalArgumentException {

    public InvalidTriggerException(String message) {
        super(message);
    }
}
