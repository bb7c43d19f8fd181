package io.opsplane.observability.telemetry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/** Request bodies: gzip undone within a bound, and text quoted for JSON answers. */
public final class Bodies {

    private Bodies() {
    }

    /** The gunzipped body; {@link TelemetryRejected} 413 past {@code limit} bytes, 400 when it is not gzip. */
    public static byte[] gunzip(byte[] body, int limit) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, body.length * 4 + 64));
            byte[] chunk = new byte[16384];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                if (out.size() + read > limit) {
                    throw new TelemetryRejected(413, "the body is more than " + limit
                            + " bytes once gunzipped (opsplane.telemetry.max-body-bytes)");
                }
                out.write(chunk, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new TelemetryRejected(400, "Content-Encoding is gzip but the body is not gzip data: "
                    + e.getMessage());
        }
    }

    public static String jsonString(String text) {
        return Json.string(text);
    }
}
