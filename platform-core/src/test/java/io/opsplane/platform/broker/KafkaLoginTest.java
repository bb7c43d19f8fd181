package io.opsplane.platform.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaLoginTest {

    @Test
    void scramAndPlainLogins() {
        assertEquals(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"pipeline-service\" password=\"pw\";"),
                KafkaLogin.sasl(KafkaLogin.SCRAM, "pipeline-service", "pw").clientSettings());
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" "
                + "password=\"x\";", KafkaLogin.sasl(KafkaLogin.PLAIN, "admin", "x").saslJaasConfig());
        assertThrows(IllegalArgumentException.class, () -> KafkaLogin.sasl("GSSAPI", "a", "b"));
    }

    @Test
    void plaintextCarriesNoSaslSettings() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"),
                new KafkaLogin("PLAINTEXT", "SCRAM-SHA-512", "ignored").clientSettings());
    }
}
