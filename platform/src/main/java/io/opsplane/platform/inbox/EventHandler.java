package io.opsplane.platform.inbox;

import com.google.protobuf.Message;
import io.opsplane.platform.events.ReceivedEvent;
import io.smallrye.mutiny.Uni;

/**
 * Applies one event of type {@code T}, inside the consumer's transaction (the inbox claim commits
 * with it). A failure rolls the transaction back; {@link EventConsumer} decides from the failure
 * whether to retry or to dead-letter the event.
 */
@FunctionalInterface
public interface EventHandler<T extends Message> {

    Uni<Void> handle(ReceivedEvent event, T payload);
}
