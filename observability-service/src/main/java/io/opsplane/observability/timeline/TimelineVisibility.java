package io.opsplane.observability.timeline;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.LikePatterns;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.events.EventCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which timeline events a caller may read. Pipeline events concern the pipeline their subject names, so
 * {@code events:read} on {@code pipeline:web} shows web's events; every other event (security changes, audit
 * records, the domains without objects of their own yet) needs {@code events:read} globally. The condition selects
 * only visible rows, so pages stay full; {@link #allows} is the same rule for one event.
 */
public record TimelineVisibility(boolean everything, List<String> pipelinePatterns) {

    static final String PERMISSION = "events:read";
    private static final String PIPELINE_DOMAIN = "pipeline";

    public static TimelineVisibility of(Authority authority) {
        if (authority.holdsThroughout(PERMISSION, Scope.GLOBAL)) {
            return new TimelineVisibility(true, List.of());
        }
        return new TimelineVisibility(false, authority.scopesOf(PERMISSION).stream()
                .filter(scope -> scope.kind().equals(PIPELINE_DOMAIN))
                .map(scope -> LikePatterns.of(scope.pattern())).distinct().toList());
    }

    /** The object an event concerns, for the authority's decision. */
    public static ResourceRef resourceOf(String eventType, String subject) {
        EventCatalog catalog = EventCatalog.instance();
        if (catalog.isKnown(eventType) && !catalog.isPlatformWide(eventType)
                && catalog.domainOfType(eventType).equals(PIPELINE_DOMAIN)) {
            return ResourceRef.of(PIPELINE_DOMAIN, subject);
        }
        return ResourceRef.GLOBAL;
    }

    public static boolean allows(Authority authority, String eventType, String subject) {
        return authority.decide(PERMISSION, resourceOf(eventType, subject)).allowed();
    }

    /** A JPQL condition on {@code eventType} and {@code subject}, with its named parameters. */
    public String where() {
        if (everything) {
            return "1 = 1";
        }
        if (pipelinePatterns.isEmpty()) {
            return "1 = 0";
        }
        StringBuilder condition = new StringBuilder("(eventType in :visibleTypes and (");
        for (int i = 0; i < pipelinePatterns.size(); i++) {
            condition.append(i == 0 ? "" : " or ").append("subject like :visible").append(i).append(" escape '\\'");
        }
        return condition.append("))").toString();
    }

    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (!everything && !pipelinePatterns.isEmpty()) {
            parameters.put("visibleTypes", EventCatalog.instance().typesOf(PIPELINE_DOMAIN));
            for (int i = 0; i < pipelinePatterns.size(); i++) {
                parameters.put("visible" + i, pipelinePatterns.get(i));
            }
        }
        return parameters;
    }
}
