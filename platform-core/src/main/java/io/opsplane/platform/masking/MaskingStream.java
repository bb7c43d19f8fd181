package io.opsplane.platform.masking;

/**
 * Masks one log stream written in chunks of any size, as {@link Masker#mask} would mask the whole
 * text: the concatenation of every {@link #write} result and {@link #finish} equals
 * {@code masker.mask(allChunks)} however the text is cut.
 *
 * <p>A write returns what is already safe. It holds back only the end of the text that could still
 * begin a secret, always fewer chars than the longest variant; a match's replacement is written as
 * soon as no later match can reach further left, and its text dropped. Not thread-safe: one instance
 * per stream.
 */
public final class MaskingStream {

    private final MatchAutomaton automaton;
    private final PendingRanges ranges = new PendingRanges();
    /** Input chars from {@code emitted} to the start of the current chunk, not yet decided on. */
    private final StringBuilder held = new StringBuilder();
    private CharSequence chunk = "";
    private long chunkStart;
    private int state = MatchAutomaton.ROOT;
    /** Input chars read so far. */
    private long consumed;
    /** Input chars whose output has been written (as text or inside a replacement). */
    private long emitted;
    private boolean finished;

    MaskingStream(MatchAutomaton automaton) {
        this.automaton = automaton;
    }

    /**
     * Reads the next chunk and returns the text that is now safe to emit.
     *
     * @throws IllegalStateException after {@link #finish}
     */
    public String write(CharSequence chunk) {
        StringBuilder out = new StringBuilder(chunk.length() + Masker.REPLACEMENT.length());
        writeTo(chunk, out);
        return out.toString();
    }

    /** Ends the stream and returns the rest of the text, masked; afterwards returns "". */
    public String finish() {
        StringBuilder out = new StringBuilder(held.length() + Masker.REPLACEMENT.length());
        finishTo(out);
        return out.toString();
    }

    void writeTo(CharSequence text, StringBuilder out) {
        if (finished) {
            throw new IllegalStateException("the masking stream is finished");
        }
        if (automaton.isEmpty()) {
            out.append(text);
            return;
        }
        chunk = text;
        chunkStart = consumed;
        for (int i = 0; i < text.length(); i++) {
            state = automaton.next(state, text.charAt(i));
            consumed++;
            int matched = automaton.matchLength(state);
            if (matched > 0) {
                ranges.add(consumed - matched, consumed);
                // Settling at every match keeps the pending ranges few, whatever the chunk size.
                settle(consumed - automaton.depth(state), out);
            }
        }
        settle(consumed - automaton.depth(state), out);
        holdUndecided();
    }

    void finishTo(StringBuilder out) {
        if (finished) {
            return;
        }
        finished = true;
        settle(consumed, out);
        held.setLength(0);
        held.trimToSize();
    }

    /** The number of input chars held back; always below the longest variant's length. */
    int heldBackLength() {
        return (int) (consumed - emitted);
    }

    /**
     * Writes out everything before {@code boundary}, the earliest position a future match can start
     * at: each pending range starting at or before it (no match can extend it to the left any more)
     * becomes a replacement, and plain text up to the boundary is written. The last written range
     * stays pending while a match from the boundary on could still overlap or touch it.
     */
    private void settle(long boundary, StringBuilder out) {
        int settled = 0;
        while (settled < ranges.count() && ranges.start(settled) <= boundary) {
            if (settled > 0 || !ranges.firstWritten()) {
                appendInput(emitted, ranges.start(settled), out);
                out.append(Masker.REPLACEMENT);
            }
            emitted = Math.max(emitted, ranges.end(settled));
            settled++;
        }
        boolean lastMayGrow = settled > 0 && ranges.end(settled - 1) >= boundary;
        ranges.dropFirst(lastMayGrow ? settled - 1 : settled, lastMayGrow);
        if (boundary > emitted) {
            appendInput(emitted, boundary, out);
            emitted = boundary;
        }
    }

    /** Appends input chars {@code [from, to)}, which lie in the held text and the current chunk. */
    private void appendInput(long from, long to, StringBuilder out) {
        long heldStart = chunkStart - held.length();
        if (from < chunkStart) {
            out.append(held, (int) (from - heldStart), (int) (Math.min(to, chunkStart) - heldStart));
            from = chunkStart;
        }
        if (from < to) {
            out.append(chunk, (int) (from - chunkStart), (int) (to - chunkStart));
        }
    }

    /** Keeps the undecided tail {@code [emitted, consumed)} for the next write; drops the chunk. */
    private void holdUndecided() {
        long heldStart = chunkStart - held.length();
        if (emitted >= chunkStart) {
            held.setLength(0);
            held.append(chunk, (int) (emitted - chunkStart), chunk.length());
        } else {
            held.delete(0, (int) (emitted - heldStart));
            held.append(chunk);
        }
        chunk = "";
        chunkStart = consumed;
    }
}
