package io.opsplane.testing;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pushes samples into a metrics store the way Prometheus's remote write does: a {@code WriteRequest}
 * protobuf ({@code prometheus/prompb/remote.proto}: time series of labels and samples), snappy-compressed
 * (block format), POSTed to {@code <store>/api/v1/write}. So a test knows exactly which samples the store
 * holds.
 */
public final class RemoteWrite {

    /** One series: its labels ({@code __name__} included) and its samples, oldest first. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
    }

    public record Sample(long timestampMs, double value) {
    }

    private RemoteWrite() {
    }

    /** The body a remote-write sender posts for {@code series}: a snappy-compressed WriteRequest. */
    public static byte[] body(List<Series> series) {
        return snappyBlock(writeRequest(series));
    }

    /** Pushes the series; fails with the store's answer when it does not take them. */
    public static void push(String store, List<Series> series) {
        byte[] body = body(series);
        HttpRequest request = HttpRequest.newBuilder(URI.create(store.replaceAll("/+$", "") + "/api/v1/write"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the metrics store refused the samples: HTTP " + response.statusCode()
                        + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code WriteRequest { repeated TimeSeries timeseries = 1; }}, labels sorted by name as the format asks. */
    static byte[] writeRequest(List<Series> all) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream request = CodedOutputStream.newInstance(out);
            for (Series series : all) {
                byte[] timeSeries = timeSeries(series);
                request.writeByteArray(1, timeSeries);
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
     * decoder reads; it just does not compress, which a test does not need.
     */
    static byte[] snappyBlock(byte[] data) {
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
