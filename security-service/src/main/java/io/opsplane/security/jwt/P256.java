package io.opsplane.security.jwt;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;

/** The NIST P-256 curve (secp256r1), the only curve ES256 uses. */
final class P256 {

    /** Bytes in a coordinate, and in each of R and S of a signature. */
    static final int FIELD_BYTES = 32;
    static final ECParameterSpec PARAMS = loadParams();

    private static final BigInteger P = ((ECFieldFp) PARAMS.getCurve().getField()).getP();
    private static final BigInteger A = PARAMS.getCurve().getA();
    private static final BigInteger B = PARAMS.getCurve().getB();

    private P256() {
    }

    /**
     * True when (x, y) is a point of the curve. The JDK builds keys from any coordinates, and a point
     * off the curve invites invalid-curve attacks, so every key is checked before use.
     */
    static boolean isOnCurve(BigInteger x, BigInteger y) {
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right = x.pow(3).add(A.multiply(x)).add(B).mod(P);
        return left.equals(right);
    }

    static boolean isCurveOf(ECParameterSpec params) {
        EllipticCurve curve = params.getCurve();
        return curve.equals(PARAMS.getCurve()) && params.getOrder().equals(PARAMS.getOrder())
                && params.getGenerator().equals(PARAMS.getGenerator());
    }

    private static ECParameterSpec loadParams() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks the P-256 curve", e);
        }
    }
}
