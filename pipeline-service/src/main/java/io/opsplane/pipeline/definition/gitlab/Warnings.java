package io.opsplane.pipeline.definition.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the compiler accepted without acting on it. A keyword that many jobs use (such as {@code image}) gives one
 * warning listing the first few jobs, not one per job.
 */
public final class Warnings {

    private static final int LISTED_OWNERS = 5;

    private final Set<String> messages = new LinkedHashSet<>();
    private final Map<String, String> keywordReasons = new LinkedHashMap<>();
    private final Map<String, Set<String>> keywordOwners = new LinkedHashMap<>();

    public void add(String message) {
        messages.add(message);
    }

    /** {@code keyword} was accepted for {@code owner} ("job 'x'", "default") but has no effect: {@code reason}. */
    public void keyword(String keyword, String owner, String reason) {
        keywordReasons.putIfAbsent(keyword, reason);
        keywordOwners.computeIfAbsent(keyword, k -> new LinkedHashSet<>()).add(owner);
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(messages);
        keywordReasons.forEach((keyword, reason) -> {
            List<String> owners = new ArrayList<>(keywordOwners.get(keyword));
            String listed = String.join(", ", owners.subList(0, Math.min(LISTED_OWNERS, owners.size())));
            if (owners.size() > LISTED_OWNERS) {
                listed += " and " + (owners.size() - LISTED_OWNERS) + " more";
            }
            all.add("keyword '" + keyword + "' is accepted, but " + reason + " (" + listed + ")");
        });
        return all;
    }
}
