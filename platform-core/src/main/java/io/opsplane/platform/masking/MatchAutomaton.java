package io.opsplane.platform.masking;

import java.util.Arrays;
import java.util.Collection;

/**
 * An Aho–Corasick automaton over chars: fed one char at a time, it reports the longest pattern that
 * ends at that char, for all patterns at once in time linear in the text. Immutable once built.
 *
 * <p>A state is a node of the patterns' trie, standing for the longest suffix of the text read so far
 * that is a prefix of some pattern; {@link #depth} is that suffix's length. The trie is stored as
 * flat arrays: the edges of node {@code n} are {@code [edgeStart[n], edgeStart[n + 1])}, sorted by
 * char.
 */
final class MatchAutomaton {

    static final int ROOT = 0;

    private static final int ASCII = 128;
    private static final int LINEAR_SCAN_LIMIT = 8;

    private final int[] edgeStart;
    private final char[] edgeChar;
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] depth;
    private final int[] matchLength;
    /** The root's transitions for ASCII, where most log text starts over. */
    private final int[] rootAscii;
    private final int longestPattern;
    private final int patternCount;

    private MatchAutomaton(TrieBuilder trie) {
        int nodes = trie.nodeCount;
        this.depth = Arrays.copyOf(trie.depth, nodes);
        this.edgeStart = new int[nodes + 1];
        this.edgeChar = new char[nodes - 1];
        this.edgeTarget = new int[nodes - 1];
        linkChildren(trie);
        this.rootAscii = new int[ASCII];
        for (char c = 0; c < ASCII; c++) {
            rootAscii[c] = Math.max(ROOT, edge(ROOT, c));
        }
        this.fail = new int[nodes];
        this.matchLength = new int[nodes];
        linkFailures(trie.terminal);
        this.longestPattern = trie.longestPattern;
        this.patternCount = trie.patternCount;
    }

    /** An automaton for the distinct non-empty strings of {@code patterns}. */
    static MatchAutomaton of(Collection<String> patterns) {
        String[] sorted = patterns.stream().filter(p -> !p.isEmpty()).distinct().sorted().toArray(String[]::new);
        return new MatchAutomaton(TrieBuilder.of(sorted));
    }

    /** The state after reading {@code c} in {@code state}. */
    int next(int state, char c) {
        while (state != ROOT) {
            int target = edge(state, c);
            if (target >= 0) {
                return target;
            }
            state = fail[state];
        }
        if (c < ASCII) {
            return rootAscii[c];
        }
        return Math.max(ROOT, edge(ROOT, c));
    }

    /** The length of the longest pattern ending at the char that led to {@code state}, or 0. */
    int matchLength(int state) {
        return matchLength[state];
    }

    /** How many of the last chars read could still begin a match; no match starts earlier. */
    int depth(int state) {
        return depth[state];
    }

    int longestPattern() {
        return longestPattern;
    }

    boolean isEmpty() {
        return patternCount == 0;
    }

    private int edge(int node, char c) {
        int low = edgeStart[node];
        int high = edgeStart[node + 1];
        if (high - low <= LINEAR_SCAN_LIMIT) {
            for (int i = low; i < high; i++) {
                if (edgeChar[i] == c) {
                    return edgeTarget[i];
                }
            }
            return -1;
        }
        int found = Arrays.binarySearch(edgeChar, low, high, c);
        return found >= 0 ? edgeTarget[found] : -1;
    }

    /** Nodes are numbered in insertion order of sorted patterns, so each node's children come sorted. */
    private void linkChildren(TrieBuilder trie) {
        int nodes = trie.nodeCount;
        for (int node = 1; node < nodes; node++) {
            edgeStart[trie.parent[node] + 1]++;
        }
        for (int node = 0; node < nodes; node++) {
            edgeStart[node + 1] += edgeStart[node];
        }
        int[] filled = Arrays.copyOf(edgeStart, nodes);
        for (int node = 1; node < nodes; node++) {
            int slot = filled[trie.parent[node]]++;
            edgeChar[slot] = trie.incoming[node];
            edgeTarget[slot] = node;
        }
    }

    /** Breadth first, so a node's failure target (always shallower) is linked before the node. */
    private void linkFailures(boolean[] terminal) {
        int[] queue = new int[depth.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = ROOT;
        while (head < tail) {
            int node = queue[head++];
            for (int e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
                int child = edgeTarget[e];
                fail[child] = node == ROOT ? ROOT : next(fail[node], edgeChar[e]);
                matchLength[child] = Math.max(terminal[child] ? depth[child] : 0, matchLength[fail[child]]);
                queue[tail++] = child;
            }
        }
    }

    /** The patterns' trie, built from sorted patterns by sharing each one's prefix with the previous. */
    private static final class TrieBuilder {
        int nodeCount = 1;
        int[] parent;
        char[] incoming;
        int[] depth;
        boolean[] terminal;
        int longestPattern;
        int patternCount;

        static TrieBuilder of(String[] sorted) {
            TrieBuilder trie = new TrieBuilder();
            long total = 1;
            for (String pattern : sorted) {
                total += pattern.length();
                trie.longestPattern = Math.max(trie.longestPattern, pattern.length());
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many secrets to mask at once");
            }
            trie.parent = new int[(int) total];
            trie.incoming = new char[(int) total];
            trie.depth = new int[(int) total];
            trie.terminal = new boolean[(int) total];
            int[] path = new int[trie.longestPattern + 1];
            String previous = "";
            for (String pattern : sorted) {
                int shared = sharedPrefixLength(previous, pattern);
                int node = path[shared];
                for (int i = shared; i < pattern.length(); i++) {
                    node = trie.addChild(node, pattern.charAt(i));
                    path[i + 1] = node;
                }
                trie.terminal[node] = true;
                trie.patternCount++;
                previous = pattern;
            }
            return trie;
        }

        private int addChild(int node, char c) {
            int child = nodeCount++;
            parent[child] = node;
            incoming[child] = c;
            depth[child] = depth[node] + 1;
            return child;
        }

        private static int sharedPrefixLength(String a, String b) {
            int limit = Math.min(a.length(), b.length());
            int i = 0;
            while (i < limit && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            return i;
        }
    }
}
