package io.opsplane.platform.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverUrlPolicyTest {

    private static final ReceiverUrlPolicy STRICT = ReceiverUrlPolicy.publicOnly();

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            file:///etc/passwd                         ; the scheme 'file' is not allowed
            gopher://example.com/                      ; the scheme 'gopher' is not allowed
            ftp://example.com/                         ; the scheme 'ftp' is not allowed
            http://user:pass@example.com/              ; credentials in the URL
            http://user@example.com/                   ; credentials in the URL
            http://127.0.0.1:8080/                     ; is in 127.0.0.0/8
            http://127.1.2.3/                          ; is in 127.0.0.0/8
            http://localhost/                          ; the host 'localhost' is this machine
            http://LOCALHOST./                         ; the host 'localhost.' is this machine
            http://api.localhost/                      ; is this machine
            http://0.0.0.0/                            ; is in 0.0.0.0/8
            http://169.254.169.254/latest/meta-data/   ; is in 169.254.0.0/16
            http://10.1.2.3/                           ; is in 10.0.0.0/8
            http://172.16.0.1/                         ; is in 172.16.0.0/12
            http://172.31.255.255/                     ; is in 172.16.0.0/12
            http://192.168.1.1/                        ; is in 192.168.0.0/16
            http://100.64.0.1/                         ; is in 100.64.0.0/10
            http://224.0.0.1/                          ; is in 224.0.0.0/4
            http://255.255.255.255/                    ; is in 240.0.0.0/4
            http://[::1]/                              ; is in 0:0:0:0:0:0:0:1/128
            http://[::]/                               ; is in 0:0:0:0:0:0:0:0/128
            http://[fd00::1]/                          ; is in fc00:0:0:0:0:0:0:0/7
            http://[fe80::1]/                          ; is in fe80:0:0:0:0:0:0:0/10
            http://[ff02::1]/                          ; is in ff00:0:0:0:0:0:0:0/8
            http://[::ffff:127.0.0.1]/                 ; is in 127.0.0.0/8
            http://[::ffff:169.254.169.254]/           ; is in 169.254.0.0/16
            http://[::127.0.0.1]/                      ; is in 127.0.0.0/8
            http://[::10.0.0.1]/                       ; is in 10.0.0.0/8
            http://[64:ff9b::a9fe:a9fe]/               ; is in 169.254.0.0/16
            http://[2002:c0a8:0101::1]/                ; is in 192.168.0.0/16
            http://2130706433/                         ; non-standard IPv4 address form
            http://0x7f.0.0.1/                         ; non-standard IPv4 address form
            http://127.1/                              ; non-standard IPv4 address form
            http://0177.0.0.1/                         ; non-standard IPv4 address form
            http://[fe80::1%25eth0]/                   ; IPv6 zone identifiers are not allowed
            http://bad_host.example/                   ; is not a valid host name
            """)
    void refusesUrlsThatReachInternalAddresses(String url, String message) {
        UnsafeUrlException e = assertThrows(UnsafeUrlException.class, () -> STRICT.checkUrl(URI.create(url)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://hooks.slack.com/services/T/B/X", "http://example.com:8080/hook",
        "HTTPS://Example.COM/", "http://8.8.8.8/", "http://172.32.0.1/", "http://[2606:4700::1111]/",
        "http://100.128.0.1/", "http://localhost.example.com/"})
    void acceptsPublicUrls(String url) {
        STRICT.checkUrl(URI.create(url));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            hooks.example.com ; 10.0.0.5        ; true
            hooks.example.com ; 127.0.0.1       ; true
            other.example.com ; 10.0.0.5        ; false
            other.example.com ; 10.20.0.5       ; true
            other.example.com ; 10.21.0.5       ; false
            other.example.com ; 93.184.216.34   ; true
            other.example.com ; ::ffff:10.0.0.5 ; false
            other.example.com ; fd12::1         ; true
            other.example.com ; fd13::1         ; false
            """)
    void theAllowListAdmitsNamedHostsAndNetworksAtConnectTime(String host, String address, boolean allowed)
            throws Exception {
        ReceiverUrlPolicy policy = new ReceiverUrlPolicy(Set.of("Hooks.Example.com"),
                List.of(Cidr.parse("10.20.0.0/16"), Cidr.parse("fd12::/16")));
        InetAddress resolved = InetAddress.getByName(address);
        if (allowed) {
            policy.checkAddress(host, resolved);
        } else {
            assertThrows(UnsafeUrlException.class, () -> policy.checkAddress(host, resolved));
        }
    }

    @Test
    void anAllowedHostNameIsAcceptedInTheUrlEvenWhenItIsInternal() {
        new ReceiverUrlPolicy(Set.of("alert-sink.internal"), List.of())
                .checkUrl(URI.create("http://alert-sink.internal:9000/"));
    }

    @Test
    void aMappedAddressBuiltFromBytesIsCheckedAsItsIpv4Address() throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) 169;
        bytes[13] = (byte) 254;
        bytes[14] = (byte) 169;
        bytes[15] = (byte) 254;
        Inet6Address mapped = Inet6Address.getByAddress(null, bytes, 0);
        UnsafeUrlException e = assertThrows(UnsafeUrlException.class, () -> STRICT.checkAddress("rebound", mapped));
        assertTrue(e.getMessage().contains("169.254.0.0/16"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            10.0.0.0/8     ; 10.255.0.1 ; true
            10.0.0.0/8     ; 11.0.0.1   ; false
            172.16.0.0/12  ; 172.31.1.1 ; true
            172.16.0.0/12  ; 172.32.1.1 ; false
            0.0.0.0/0      ; 8.8.8.8    ; true
            fe80::/10      ; febf::1    ; true
            fe80::/10      ; fec0::1    ; false
            10.0.0.0/8     ; ::1        ; false
            """)
    void networksContainTheirAddresses(String network, String address, boolean contained) throws Exception {
        assertEquals(contained, Cidr.parse(network).contains(InetAddress.getByName(address)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "example.com/8", "10.0.0.0/x"})
    void refusesMalformedNetworks(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}
