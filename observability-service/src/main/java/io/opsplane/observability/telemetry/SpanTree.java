package io.opsplane.observability.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans of one trace as a tree: each span under its parent, children by start time. A span whose parent is
 * missing (not received, or dropped) is a root of its own, so nothing is lost; a span id seen twice keeps the
 * first; parent cycles, which a well-behaved sender never makes, are broken at the span that closes them.
 */
public final class SpanTree {

    /** A span and the spans under it. */
    public record Node(SpanRow span, List<Node> children) {
    }

    private static final Comparator<SpanRow> BY_START = Comparator.comparingLong(SpanRow::startNanos)
            .thenComparing(SpanRow::spanId);

    private SpanTree() {
    }

    public static List<Node> of(List<SpanRow> spans) {
        Map<String, SpanRow> byId = new HashMap<>();
        List<SpanRow> sorted = new ArrayList<>(spans);
        sorted.sort(BY_START);
        List<SpanRow> unique = new ArrayList<>();
        for (SpanRow span : sorted) {
            if (byId.putIfAbsent(span.spanId(), span) == null) {
                unique.add(span);
            }
        }
        Map<String, List<SpanRow>> children = new HashMap<>();
        List<SpanRow> roots = new ArrayList<>();
        for (SpanRow span : unique) {
            String parent = span.parentSpanId();
            if (parent.isEmpty() || !byId.containsKey(parent) || parent.equals(span.spanId())
                    || closesCycle(span, byId)) {
                roots.add(span);
            } else {
                children.computeIfAbsent(parent, ignored -> new ArrayList<>()).add(span);
            }
        }
        List<Node> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (SpanRow root : roots) {
            out.add(build(root, children, placed));
        }
        return out;
    }

    /** Whether following parents from {@code span} comes back to it; the one with the earliest start is cut. */
    private static boolean closesCycle(SpanRow span, Map<String, SpanRow> byId) {
        Set<String> seen = new HashSet<>();
        SpanRow at = span;
        SpanRow earliest = span;
        while (!at.parentSpanId().isEmpty() && byId.containsKey(at.parentSpanId())) {
            if (!seen.add(at.spanId())) {
                return false;
            }
            at = byId.get(at.parentSpanId());
            if (at.spanId().equals(span.spanId())) {
                return earliest == span;
            }
            if (BY_START.compare(at, earliest) < 0) {
                earliest = at;
            }
        }
        return false;
    }

    private static Node build(SpanRow span, Map<String, List<SpanRow>> children, Set<String> placed) {
        placed.add(span.spanId());
        List<Node> nodes = new ArrayList<>();
        for (SpanRow child : children.getOrDefault(span.spanId(), List.of())) {
            if (!placed.contains(child.spanId())) {
                nodes.add(build(child, children, placed));
            }
        }
        return new Node(span, nodes);
    }
}
