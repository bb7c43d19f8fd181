package io.opsplane.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.ReceivedEvent;
import io.opsplane.proto.events.v1.PipelineRegistered;
import io.opsplane.proto.events.v1.TokenRevoked;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventHandlersTest {

    private final EventCatalog catalog = EventCatalog.instance();

    private ReceivedEvent received(Message payload) throws Exception {
        EventEnvelope envelope = catalog.envelope(payload, "opsplane/pipeline-service", "s", null, null);
        // As a consumer sees it: parsed from JSON into a dynamic message.
        return new ReceivedEvent(envelope, catalog.parse(envelope), "t", 0, 0L, null);
    }

    @Test
    void eachTypeReachesItsOwnHandlerAsItsGeneratedClass() throws Exception {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = EventHandlers.builder()
                .on(PipelineRegistered.class, (event, registered) -> {
                    seen.add("registered " + registered.getPipelineName() + " v" + registered.getVersion());
                    return Uni.createFrom().voidItem();
                })
                .build();
        assertTrue(handlers.handles("opsplane.events.v1.PipelineRegistered"));
        assertFalse(handlers.handles("opsplane.events.v1.TokenRevoked"));
        handlers.dispatch(received(PipelineRegistered.newBuilder().setPipelineName("web").setVersion(2).build()))
                .await().indefinitely();
        assertEquals(List.of("registered web v2"), seen);
    }

    @Test
    void theEveryTypeHandlerRunsAfterTheTypedOne() throws Exception {
        List<String> seen = new ArrayList<>();
        EventHandlers handlers = EventHandlers.builder()
                .on(TokenRevoked.class, (event, revoked) -> {
                    seen.add("typed " + revoked.getTokenId());
                    return Uni.createFrom().voidItem();
                })
                .onEveryType((event, payload) -> {
                    seen.add("every " + event.envelope().type());
                    return Uni.createFrom().voidItem();
                })
                .build();
        assertTrue(handlers.handles("opsplane.events.v1.ChangeApplied"));
        handlers.dispatch(received(TokenRevoked.newBuilder().setTokenId("t1").build())).await().indefinitely();
        assertEquals(List.of("typed t1", "every opsplane.events.v1.TokenRevoked"), seen);
    }

    @Test
    void registrationMistakesAreCaughtAtOnce() {
        assertThrows(IllegalStateException.class, () -> EventHandlers.builder().build());
        EventHandlers.Builder builder = EventHandlers.builder()
                .on(TokenRevoked.class, (event, revoked) -> Uni.createFrom().voidItem());
        assertThrows(IllegalStateException.class,
                () -> builder.on(TokenRevoked.class, (event, revoked) -> Uni.createFrom().voidItem()));
    }
}
