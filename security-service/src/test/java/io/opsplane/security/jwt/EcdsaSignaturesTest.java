package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EcdsaSignaturesTest {

    /** Enough signatures that R or S with leading zeros or a high top bit all turn up. */
    @Test
    void joseToDerGivesBackTheJdkSignature() throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(TestKeys.EC.getPrivate());
        for (int i = 0; i < 500; i++) {
            signer.update(("message " + i).getBytes(StandardCharsets.US_ASCII));
            byte[] der = signer.sign();

            assertArrayEquals(der, EcdsaSignatures.joseToDer(TestTokens.derToJose(der)), "signature " + i);
        }
    }

    @Test
    void smallValuesAreShortDerIntegers() {
        byte[] jose = new byte[64];
        jose[31] = 0x01;
        jose[63] = (byte) 0x80;

        assertArrayEquals(new byte[] {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, (byte) 0x80},
                EcdsaSignatures.joseToDer(jose));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 63, 65, 70, 72})
    void onlySixtyFourBytesAreAccepted(int length) {
        assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.joseToDer(new byte[length]));
    }
}
