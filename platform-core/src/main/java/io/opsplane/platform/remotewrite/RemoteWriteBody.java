package io.opsplane.platform.remotewrite;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a Prometheus remote-write request (protocol 1.0): a {@code WriteRequest} protobuf
 * ({@code prometheus/prompb/remote.proto}: time series of labels and samples), snappy-compressed in the block
 * format. Sent with {@link #CONTENT_TYPE}, {@link #CONTENT_ENCODING} and {@link #VERSION_HEADER} = {@link #VERSION}
 * to {@code <store>/api/v1/write}.
 */
public final class RemoteWriteBody {

    public static final String CONTENT_TYPE = "application/x-protobuf";
    public static final String CONTENT_ENCODING = "snappy";
    public static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";
    public static final String VERSION = "0.1.0";

    /** One series: its labels ({@code __name__} included) and its samples, oldest first. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
        public Series {
            labels = new TreeMap<>(labels);
            samples = List.copyOf(samples);
        }
    }

    /** One sample; the value's bits are kept as they are (Prometheus's stale-marker NaN included). */
    public record Sample(long timestampMs, double value) {
    }

    private RemoteWriteBody() {
    }

    /** The compressed body for {@code series}. */
    public static byte[] of(List<Series> series) {
        return snappyBlock(writeRequest(series));
    }

    /** {@code WriteRequest { repeated TimeSeries timeseries = 1; }}, labels sorted by name as the format asks. */
    public static byte[] writeRequest(List<Series> all) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream request = CodedOutputStream.newInstance(out);
            for (Series series : all) {
                request.writeByteArray(1, timeSeries(series));
            }
            request.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }}. */
    private static byte[] timeSeries(Series series) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodedOutputStream timeSeries = CodedOutputStream.newInstance(out);
        for (Map.Entry<String, String> label : new TreeMap<>(series.labels()).entrySet()) {
            ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
            CodedOutputStream message = CodedOutputStream.newInstance(labelBytes);
            message.writeString(1, label.getKey());
            message.writeString(2, label.getValue());
            message.flush();
            timeSeries.writeByteArray(1, labelBytes.toByteArray());
        }
        for (Sample sample : series.samples()) {
            ByteArrayOutputStream sampleBytes = new ByteArrayOutputStream();
            CodedOutputStream message = CodedOutputStream.newInstance(sampleBytes);
            // writeDouble writes the raw bits, so a stale-marker NaN stays one.
            message.writeDouble(1, sample.value());
            message.writeInt64(2, sample.timestampMs());
            message.flush();
            timeSeries.writeByteArray(2, sampleBytes.toByteArray());
        }
        timeSeries.flush();
        return out.toByteArray();
    }

    /**
     * Snappy's block format with literals only: the uncompressed length as a varint, then the bytes in
     * literal elements of at most 64 KiB (tag 61 << 2: a two-byte length - 1). Valid snappy that any
     * decoder reads; it does not compress, which loopback and small rule results do not need.
     */
    public static byte[] snappyBlock(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + data.length / 65536 * 3 + 8);
        long length = data.length;
        while (length >= 0x80) {
            out.write((int) (length & 0x7f) | 0x80);
            length >>>= 7;
        }
        out.write((int) length);
        for (int offset = 0; offset < data.length; offset += 65536) {
            int chunk = Math.min(65536, data.length - offset);
            out.write(61 << 2);
            out.write((chunk - 1) & 0xff);
            out.write(((chunk - 1) >>> 8) & 0xff);
            out.write(data, offset, chunk);
        }
        return out.toByteArray();
    }
}
