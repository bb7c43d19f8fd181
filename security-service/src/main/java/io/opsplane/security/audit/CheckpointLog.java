package io.opsplane.security.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit checkpoints, one per line in {@link CheckpointCodec} form, in an append-only text file
 * kept apart from the database. Each append is fsync'd before it returns.
 *
 * <p>{@link #readAll} reports every line it cannot trust instead of skipping it: a line that does
 * not parse or was cut short, a signature that does not verify, a seq lower than an earlier line's,
 * or the same seq with another hash. Lines that parse are all returned, bad signatures included,
 * so that {@link ChainVerifier} reports them too.
 *
 * <p>A missing file reads as no checkpoint at all. Whoever can delete it can hide a truncation from
 * this file, which is why checkpoints are also published as events.
 */
public final class CheckpointLog {

    /** Appends of one JVM take turns here; other processes are kept out by the file lock. */
    private static final Object APPEND_TURN = new Object();

    private final Path file;

    public CheckpointLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Appends {@code checkpoint} as one line and forces it to disk. */
    public void append(Checkpoint checkpoint) {
        byte[] line = (CheckpointCodec.encode(checkpoint) + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (APPEND_TURN) {
            try {
                boolean created = !Files.exists(file);
                if (created) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)) {
                    channel.lock(); // released when the channel closes
                    long end = channel.size();
                    ByteBuffer out = ByteBuffer.wrap(endsWithNewline(channel, end) ? line : prefixNewline(line));
                    while (out.hasRemaining()) {
                        end += channel.write(out, end);
                    }
                    channel.force(true);
                }
                if (created) {
                    FileSync.directory(file.toAbsolutePath().getParent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the audit checkpoint log " + file, e);
            }
        }
    }

    /** Every line of the log, checked with {@code signer}. */
    public Contents readAll(CheckpointSigner signer) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            LineReader lines = new LineReader(in);
            Checkpoint highest = null;
            int highestLine = 0;
            for (int number = 1; lines.next(); number++) {
                if (lines.tooLong()) {
                    problems.add(new LineProblem(number, "longer than " + CheckpointCodec.MAX_LENGTH + " characters"));
                    continue;
                }
                if (!lines.complete()) {
                    problems.add(new LineProblem(number, "has no line end: an append was cut short"));
                    continue;
                }
                Checkpoint checkpoint;
                try {
                    checkpoint = CheckpointCodec.decode(lines.text());
                } catch (IllegalArgumentException e) {
                    problems.add(new LineProblem(number, e.getMessage()));
                    continue;
                }
                checkpoints.add(checkpoint);
                if (!signer.verify(checkpoint)) {
                    problems.add(new LineProblem(number, "signature does not verify (signed as key "
                            + checkpoint.keyId() + ", this key is " + signer.keyId() + ")"));
                }
                if (highest != null && checkpoint.seq() < highest.seq()) {
                    problems.add(new LineProblem(number, "seq " + checkpoint.seq() + " goes backwards (line "
                            + highestLine + " has seq " + highest.seq() + ")"));
                } else if (highest != null && checkpoint.seq() == highest.seq()
                        && !checkpoint.hash().equals(highest.hash())) {
                    problems.add(new LineProblem(number, "seq " + checkpoint.seq() + " has another hash than on line "
                            + highestLine));
                } else if (highest == null || checkpoint.seq() > highest.seq()) {
                    highest = checkpoint;
                    highestLine = number;
                }
            }
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint log " + file, e);
        }
        return new Contents(List.copyOf(checkpoints), List.copyOf(problems));
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return true;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    /** Ends a line an interrupted append left open, so the new line stays whole and the old one reads as cut short. */
    private static byte[] prefixNewline(byte[] line) {
        byte[] prefixed = new byte[line.length + 1];
        prefixed[0] = '\n';
        System.arraycopy(line, 0, prefixed, 1, line.length);
        return prefixed;
    }

    /** What {@link #readAll} found: the checkpoints that parse, in file order, and the problems, by line. */
    public record Contents(List<Checkpoint> checkpoints, List<LineProblem> problems) {

        /** True when every line parses, verifies and keeps seq from going backwards. */
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /** A line of the log that cannot be trusted as it is. */
    public record LineProblem(int lineNumber, String detail) {

        @Override
        public String toString() {
            return "line " + lineNumber + ": " + detail;
        }
    }

    /** Lines of at most {@link CheckpointCodec#MAX_LENGTH} bytes; longer ones are consumed and flagged. */
    private static final class LineReader {

        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private boolean tooLong;
        private boolean complete;

        LineReader(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            line.reset();
            tooLong = false;
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    complete = true;
                    return true;
                }
                if (line.size() > CheckpointCodec.MAX_LENGTH) {
                    tooLong = true;
                } else {
                    line.write(b);
                }
            }
            complete = false;
            return line.size() > 0 || tooLong;
        }

        String text() {
            return line.toString(StandardCharsets.UTF_8);
        }

        boolean tooLong() {
            return tooLong;
        }

        boolean complete() {
            return complete;
        }
    }
}
