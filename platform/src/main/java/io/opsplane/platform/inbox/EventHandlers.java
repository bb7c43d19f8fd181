package io.opsplane.platform.inbox;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.opsplane.platform.events.PoisonEventException;
import io.opsplane.platform.events.ReceivedEvent;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handlers of one consumer, registered per event type (the generated message class), optionally
 * with one handler for every type. Events of a type nobody handles are skipped.
 */
public final class EventHandlers {

    private record Typed<T extends Message>(T prototype, EventHandler<? super T> handler) {

        @SuppressWarnings("unchecked")
        Uni<Void> handle(ReceivedEvent event) throws PoisonEventException {
            T payload;
            try {
                payload = (T) prototype.getParserForType().parseFrom(event.payload().toByteString());
            } catch (InvalidProtocolBufferException e) {
                throw new PoisonEventException("data does not fit " + event.envelope().type(), e);
            }
            return handler.handle(event, payload);
        }
    }

    private final Map<String, Typed<?>> byType;
    private final EventHandler<Message> everyType;

    private EventHandlers(Map<String, Typed<?>> byType, EventHandler<Message> everyType) {
        this.byType = Map.copyOf(byType);
        this.everyType = everyType;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean handles(String type) {
        return everyType != null || byType.containsKey(type);
    }

    /** Runs the handler of the event's type, then the handler of every type, if any. */
    public Uni<Void> dispatch(ReceivedEvent event) {
        Typed<?> typed = byType.get(event.envelope().type());
        Uni<Void> first;
        try {
            first = typed == null ? Uni.createFrom().voidItem() : typed.handle(event);
        } catch (PoisonEventException e) {
            return Uni.createFrom().failure(e);
        }
        return everyType == null ? first : first.flatMap(ignored -> everyType.handle(event, event.payload()));
    }

    public static final class Builder {

        private final Map<String, Typed<?>> byType = new LinkedHashMap<>();
        private EventHandler<Message> everyType;

        public <T extends Message> Builder on(Class<T> type, EventHandler<? super T> handler) {
            T prototype = com.google.protobuf.Internal.getDefaultInstance(type);
            String name = prototype.getDescriptorForType().getFullName();
            if (byType.putIfAbsent(name, new Typed<>(prototype, handler)) != null) {
                throw new IllegalStateException("a handler for " + name + " is already registered");
            }
            return this;
        }

        public Builder onEveryType(EventHandler<Message> handler) {
            if (everyType != null) {
                throw new IllegalStateException("a handler for every type is already registered");
            }
            everyType = handler;
            return this;
        }

        public EventHandlers build() {
            if (byType.isEmpty() && everyType == null) {
                throw new IllegalStateException("no handler registered");
            }
            return new EventHandlers(byType, everyType);
        }
    }
}
