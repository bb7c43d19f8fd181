package io.opsplane.platform.remotewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.CodedInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RemoteWriteBodyTest {

    @Test
    void theBodyDecodesBackToTheSeriesWithLabelsSortedAndNaNBitsKept() throws Exception {
        double stale = Double.longBitsToDouble(0x7ff0000000000002L);
        List<RemoteWriteBody.Series> series = List.of(
                new RemoteWriteBody.Series(Map.of("job", "x", "__name__", "up"),
                        List.of(new RemoteWriteBody.Sample(1000, 1.5), new RemoteWriteBody.Sample(2000, stale))),
                new RemoteWriteBody.Series(Map.of("__name__", "b"), List.of(new RemoteWriteBody.Sample(3000, -2))));
        byte[] request = unsnappy(RemoteWriteBody.of(series));
        assertArrayEquals(RemoteWriteBody.writeRequest(series), request);

        List<String> decoded = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(request);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            assertEquals(1, tag >>> 3);
            CodedInputStream ts = CodedInputStream.newInstance(in.readByteArray());
            StringBuilder text = new StringBuilder();
            for (int t = ts.readTag(); t != 0; t = ts.readTag()) {
                CodedInputStream part = CodedInputStream.newInstance(ts.readByteArray());
                if (t >>> 3 == 1) {
                    part.readTag();
                    String name = part.readString();
                    part.readTag();
                    text.append(name).append('=').append(part.readString()).append(' ');
                } else {
                    part.readTag();
                    long bits = Double.doubleToRawLongBits(part.readDouble());
                    part.readTag();
                    text.append('@').append(part.readInt64()).append(':').append(Long.toHexString(bits)).append(' ');
                }
            }
            decoded.add(text.toString().trim());
        }
        assertEquals(List.of("__name__=up job=x @1000:3ff8000000000000 @2000:7ff0000000000002",
                "__name__=b @3000:c000000000000000"), decoded);
    }

    @Test
    void longBodiesAreSplitIntoLiteralsOf64KiB() throws Exception {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        assertArrayEquals(data, unsnappy(RemoteWriteBody.snappyBlock(data)));
        assertArrayEquals(new byte[0], unsnappy(RemoteWriteBody.snappyBlock(new byte[0])));
    }

    /** A decoder of snappy literal elements, the only kind the encoder writes. */
    private static byte[] unsnappy(byte[] block) {
        int pos = 0;
        long length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = block[pos++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < block.length) {
            int tag = block[pos++] & 0xff;
            assertEquals(0, tag & 3, "literal element");
            int n = tag >>> 2;
            int len;
            if (n < 60) {
                len = n + 1;
            } else {
                assertEquals(61, n);
                len = ((block[pos] & 0xff) | (block[pos + 1] & 0xff) << 8) + 1;
                pos += 2;
            }
            out.write(block, pos, len);
            pos += len;
        }
        assertEquals(length, out.size());
        return out.toByteArray();
    }
}
