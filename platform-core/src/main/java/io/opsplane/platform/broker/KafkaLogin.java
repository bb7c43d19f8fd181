package io.opsplane.platform.broker;

import java.util.HashMap;
import java.util.Map;

/**
 * How a client logs in to an Opsplane broker: the Kafka client settings for a security protocol and,
 * with SASL, a mechanism and its JAAS line. Components use SCRAM-SHA-512 with their own user; the
 * administrator uses PLAIN.
 */
public record KafkaLogin(String securityProtocol, String saslMechanism, String saslJaasConfig) {

    public static final String SCRAM = "SCRAM-SHA-512";
    public static final String PLAIN = "PLAIN";

    /** A SASL login over plaintext as {@code user}, with SCRAM-SHA-512 or PLAIN. */
    public static KafkaLogin sasl(String mechanism, String user, String password) {
        String module = switch (mechanism) {
            case PLAIN -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case SCRAM -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default -> throw new IllegalArgumentException("unsupported SASL mechanism " + mechanism);
        };
        return new KafkaLogin("SASL_PLAINTEXT", mechanism,
                module + " required username=\"" + user + "\" password=\"" + password + "\";");
    }

    /** The client settings; the SASL ones only when the protocol uses SASL. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("security.protocol", securityProtocol);
        if (securityProtocol.startsWith("SASL")) {
            settings.put("sasl.mechanism", saslMechanism);
            settings.put("sasl.jaas.config", saslJaasConfig);
        }
        return settings;
    }
}
