package io.opsplane.platform.inbox;

import io.opsplane.platform.events.ReceivedEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims events for a consumer inside the caller's transaction: returns the ones it has not applied
 * yet and records them as applied. Committed together with the effect, a redelivered event is a no-op;
 * two instances racing on one event collide on the primary key and one transaction rolls back.
 */
@ApplicationScoped
public class Inbox {

    public Uni<List<ReceivedEvent>> claim(String consumer, List<ReceivedEvent> events) {
        Map<String, ReceivedEvent> unique = new LinkedHashMap<>();
        for (ReceivedEvent event : events) {
            unique.putIfAbsent(event.envelope().id(), event);
        }
        if (unique.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return InboxEntry.<InboxEntry>find("consumer = ?1 and eventId in ?2", consumer, List.copyOf(unique.keySet()))
                .list()
                .flatMap(seen -> {
                    Set<String> seenIds = new HashSet<>();
                    seen.forEach(entry -> seenIds.add(entry.eventId));
                    List<ReceivedEvent> fresh = new ArrayList<>();
                    List<InboxEntry> entries = new ArrayList<>();
                    for (ReceivedEvent event : unique.values()) {
                        if (!seenIds.contains(event.envelope().id())) {
                            fresh.add(event);
                            entries.add(InboxEntry.of(consumer, event.envelope().id()));
                        }
                    }
                    return entries.isEmpty()
                            ? Uni.createFrom().item(fresh)
                            : Panache.getSession().flatMap(session -> session.persistAll(entries.toArray()))
                                    .replaceWith(fresh);
                });
    }
}
