package io.opsplane.observability.egress;

import java.io.IOException;
import java.io.InputStream;

/** A response body of a known length: reads stop at its end, even when the connection stays open. */
final class BoundedBody extends InputStream {

    private final InputStream in;
    private long left;

    BoundedBody(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left == 0) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new IOException("the body ended " + left + " bytes before its Content-Length");
        }
        left -= n;
        return n;
    }
}
