package io.opsplane.platform.masking;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The parts of a base64 encoding that a value fixes wherever it sits in a larger encoded stream.
 * Base64 turns each 3 bytes into 4 characters of 6 bits; a value starting at byte 1 or 2 of a group
 * shares its first characters with unknown bytes before it, and likewise at its end. Only the
 * characters whose 6 bits all come from the value are the same in every such stream.
 */
final class Base64Cores {

    private Base64Cores() {
    }

    /** The core for each of the three alignments (value starting at byte 0, 1 or 2 of a group). */
    static List<String> of(byte[] value, Base64.Encoder encoder) {
        Base64.Encoder unpadded = encoder.withoutPadding();
        List<String> cores = new ArrayList<>(3);
        for (int offset = 0; offset < 3; offset++) {
            // Zero bytes stand in for the unknown neighbours; their characters are cut off below.
            byte[] shifted = new byte[offset + value.length];
            System.arraycopy(value, 0, shifted, offset, value.length);
            String encoded = unpadded.encodeToString(shifted);
            long firstBit = 8L * offset;
            long endBit = 8L * shifted.length;
            int from = (int) ((firstBit + 5) / 6); // first character not touching the bytes before
            int to = (int) (endBit / 6); // characters from here on mix in the bytes after
            if (to > from) {
                cores.add(encoded.substring(from, to));
            }
        }
        return cores;
    }
}
