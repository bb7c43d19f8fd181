package io.opsplane.observability.egress;

import java.io.IOException;
import java.io.InputStream;

/** A body in HTTP/1.1 chunked transfer encoding, decoded; trailers are skipped. */
final class ChunkedBody extends InputStream {

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private long leftInChunk;
    private boolean done;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (leftInChunk == 0) {
            leftInChunk = chunkSize();
            if (leftInChunk == 0) {
                while (!line().isEmpty()) {
                    // trailer fields
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, leftInChunk));
        if (n < 0) {
            throw new IOException("the chunked body ended inside a chunk");
        }
        leftInChunk -= n;
        if (leftInChunk == 0 && !line().isEmpty()) {
            throw new IOException("a chunk does not end with CRLF");
        }
        return n;
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        String size = (extension >= 0 ? line.substring(0, extension) : line).trim();
        try {
            long parsed = Long.parseLong(size, 16);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IOException("invalid chunk size '" + io.opsplane.platform.text.PrintableText.of(size, 20) + "'");
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the chunked body ended early");
            }
            if (line.length() == MAX_LINE) {
                throw new IOException("a chunk header is longer than " + MAX_LINE + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
