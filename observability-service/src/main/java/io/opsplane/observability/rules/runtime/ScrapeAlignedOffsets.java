package io.opsplane.observability.rules.runtime;

import io.opsplane.observability.metrics.ActiveTarget;
import io.opsplane.observability.promql.Expr;
import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.promql.LabelMatcher;
import io.opsplane.observability.rules.RuleGroup;
import io.opsplane.observability.rules.RuleGroupEvaluator.InstantQuery;
import io.opsplane.observability.rules.Sample;
import io.opsplane.observability.rules.ScrapeAlignment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The offsets that put each rule group's evaluations right after the scrapes it reads ({@link ScrapeAlignment}).
 * The targets a group reads are the {@code job}/{@code instance} pairs of the series its selectors match now
 * (one {@code group by (job, instance)} query per group, remembered for a while when it found some); their phases
 * come from the store's targets API. A group that reads no scraped series (pushed or recorded data) keeps its default offset.
 */
public final class ScrapeAlignedOffsets {

    /** The longest dependency query sent; a group with more selectors is aligned on the first ones. */
    static final int MAX_QUERY_LENGTH = 16 * 1024;

    private record Target(String job, String instance) {
    }

    private record Reads(long version, Set<Target> targets, Instant readAt) {
    }

    private final Supplier<List<ActiveTarget>> targets;
    private final InstantQuery query;
    private final Clock clock;
    private final Duration margin;
    private final Duration rereadAfter;
    private final Map<String, Reads> reads = new HashMap<>();

    /**
     * @param targets     the store's active targets
     * @param query       instant queries against the store
     * @param margin      how long after a target's samples became visible the group evaluates
     * @param rereadAfter how long the targets a group reads are remembered
     */
    public ScrapeAlignedOffsets(Supplier<List<ActiveTarget>> targets, InstantQuery query, Clock clock,
            Duration margin, Duration rereadAfter) {
        this.targets = targets;
        this.query = query;
        this.clock = clock;
        this.margin = margin;
        this.rereadAfter = rereadAfter;
    }

    /**
     * The offset of each of {@code runners} (by key) that reads scraped targets. Throws when the store does not
     * answer the targets API; a group whose query fails is left out.
     */
    public synchronized Map<String, Duration> offsets(Map<String, GroupRunner> runners) {
        Map<Target, ScrapeAlignment.Scrape> scrapes = new HashMap<>();
        for (ActiveTarget target : targets.get()) {
            if (target.lastScrape() != null) {
                scrapes.put(new Target(target.labels().getOrDefault("job", ""), target.labels().getOrDefault("instance", "")),
                        new ScrapeAlignment.Scrape(target.lastScrape().plus(target.scrapeDuration()), target.scrapeInterval()));
            }
        }
        reads.keySet().retainAll(runners.keySet());
        Map<String, Duration> offsets = new LinkedHashMap<>();
        runners.forEach((key, runner) -> {
            Set<Target> read;
            try {
                read = targetsRead(key, runner);
            } catch (RuntimeException e) {
                return;
            }
            List<ScrapeAlignment.Scrape> relevant = new ArrayList<>();
            read.forEach(target -> Optional.ofNullable(scrapes.get(target)).ifPresent(relevant::add));
            ScrapeAlignment.offset(relevant, runner.interval())
                    .ifPresent(offset -> offsets.put(key, offset.plus(margin)));
        });
        return offsets;
    }

    private Set<Target> targetsRead(String key, GroupRunner runner) {
        Instant now = clock.instant();
        Reads known = reads.get(key);
        if (known != null && known.version() == runner.version()
                && Duration.between(known.readAt(), now).compareTo(rereadAfter) < 0) {
            return known.targets();
        }
        Set<Target> read = new LinkedHashSet<>();
        String dependencies = dependencyQuery(runner.group());
        if (dependencies != null) {
            for (Sample sample : query.query(dependencies, now)) {
                String job = sample.labels().get("job");
                String instance = sample.labels().get("instance");
                if (job != null && instance != null) {
                    read.add(new Target(job, instance));
                }
            }
        }
        if (read.isEmpty()) {
            reads.remove(key); // nothing scraped yet (a new job): asked again at the next round
        } else {
            reads.put(key, new Reads(runner.version(), Set.copyOf(read), now));
        }
        return read;
    }

    /**
     * {@code group by (job, instance) (s1 or s2 ...)} over the group's selectors without their offsets: the
     * targets whose series the group reads now; null when the group selects nothing.
     */
    static String dependencyQuery(RuleGroup group) {
        Set<String> selectors = new LinkedHashSet<>();
        group.rules().forEach(rule -> rule.expr().selectors().forEach(selector -> selectors.add(selector(selector))));
        if (selectors.isEmpty()) {
            return null;
        }
        StringBuilder union = new StringBuilder();
        for (String selector : selectors) {
            if (union.length() > 0 && union.length() + selector.length() + 4 > MAX_QUERY_LENGTH) {
                break;
            }
            union.append(union.length() == 0 ? "" : " or ").append(selector);
        }
        return "group by (job, instance) (" + union + ")";
    }

    static String selector(Expr.VectorSelector selector) {
        StringBuilder text = new StringBuilder("{");
        for (LabelMatcher matcher : selector.matchers()) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(matcher.name()).append(matcher.type().spelling()).append(GoQuoting.quote(matcher.value()));
        }
        return text.append('}').toString();
    }
}
