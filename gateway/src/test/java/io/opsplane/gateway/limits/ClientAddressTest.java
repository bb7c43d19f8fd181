package io.opsplane.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    private static final Set<String> PROXIES = Set.of("10.0.0.5", "10.0.0.6", "2001:db8::5");

    @ParameterizedTest(name = "peer {0}, X-Forwarded-For ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        // No trusted proxy in front: the header proves nothing.
        "198.51.100.7 | 203.0.113.9               | 198.51.100.7",
        "198.51.100.7 | null                      | 198.51.100.7",
        // A trusted proxy: the address it saw, the rightmost entry.
        "10.0.0.5     | 203.0.113.9               | 203.0.113.9",
        "10.0.0.5     | 1.2.3.4, 203.0.113.9      | 203.0.113.9",
        // Trusted proxies in a chain are skipped; what the client wrote further left is not believed.
        "10.0.0.5     | 1.2.3.4, 203.0.113.9, 10.0.0.6 | 203.0.113.9",
        // Only proxies, or nothing usable: the peer.
        "10.0.0.5     | 10.0.0.6                  | 10.0.0.5",
        "10.0.0.5     | null                      | 10.0.0.5",
        "10.0.0.5     | 203.0.113.9, ,            | 10.0.0.5",
        // IPv6, with or without brackets.
        "2001:db8::5  | [2001:db8::99]            | 2001:db8::99",
        "2001:db8::5  | 2001:db8::99              | 2001:db8::99",
    })
    void theClientAddressIsThePeerUnlessATrustedProxySaysOtherwise(String peer, String forwardedFor, String expected) {
        assertEquals(expected, ClientAddress.of(peer, forwardedFor, PROXIES));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.5,203.0.113.9", "127.0.0.1,203.0.113.9"})
    void withoutTrustedProxiesTheHeaderIsIgnored(String peer, String forwardedFor) {
        assertEquals(peer, ClientAddress.of(peer, forwardedFor, Set.of()));
    }
}
