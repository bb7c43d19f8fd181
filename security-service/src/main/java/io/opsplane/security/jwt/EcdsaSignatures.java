package io.opsplane.security.jwt;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * ES256 signatures in JWS are R and S as two 32-byte big-endian numbers (RFC 7518, 3.4); the JDK
 * verifies the ASN.1 DER form. Only the fixed 64-byte form is accepted from tokens, so a DER
 * signature, or any other length, is refused before it reaches the JDK.
 */
final class EcdsaSignatures {

    static final int JOSE_LENGTH = 2 * P256.FIELD_BYTES;

    private EcdsaSignatures() {
    }

    /** The DER form of a 64-byte R||S signature. */
    static byte[] joseToDer(byte[] jose) {
        if (jose.length != JOSE_LENGTH) {
            throw new IllegalArgumentException("ES256 signature must be " + JOSE_LENGTH + " bytes, not " + jose.length);
        }
        byte[] r = derInteger(Arrays.copyOfRange(jose, 0, P256.FIELD_BYTES));
        byte[] s = derInteger(Arrays.copyOfRange(jose, P256.FIELD_BYTES, JOSE_LENGTH));
        ByteArrayOutputStream der = new ByteArrayOutputStream(r.length + s.length + 2);
        der.write(0x30);
        // At most 2 * (2 + 33) = 70 content bytes: the short length form always fits.
        der.write(r.length + s.length);
        der.writeBytes(r);
        der.writeBytes(s);
        return der.toByteArray();
    }

    /** A DER INTEGER of an unsigned big-endian number: leading zeros dropped, one added when the top bit is set. */
    private static byte[] derInteger(byte[] unsigned) {
        int start = 0;
        while (start < unsigned.length - 1 && unsigned[start] == 0) {
            start++;
        }
        boolean pad = (unsigned[start] & 0x80) != 0;
        int length = unsigned.length - start + (pad ? 1 : 0);
        byte[] out = new byte[2 + length];
        out[0] = 0x02;
        out[1] = (byte) length;
        System.arraycopy(unsigned, start, out, 2 + (pad ? 1 : 0), unsigned.length - start);
        return out;
    }
}
