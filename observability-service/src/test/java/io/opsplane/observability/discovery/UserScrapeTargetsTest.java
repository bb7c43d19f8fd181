package io.opsplane.observability.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserScrapeTargetsTest {

    private static final Set<String> RESERVED = Set.of("gateway", "runner");

    private static UserScrapeTarget target(String address) {
        return UserScrapeTargets.validated("app", List.of(address), Map.of(), null, null, RESERVED);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            127.0.0.1:9100
            localhost:9100
            10.1.2.3:80
            172.20.0.5:65535
            192.168.1.10:8080
            [::1]:9100
            [fd00::5]:9100
            node-exporter.internal:9100
            db1:1
            8.8.8.8:443
            """)
    void addressesOnPrivateNetworksThisMachineAndNamesAreScraped(String address) {
        assertEquals(List.of(address), target(address).targets());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            169.254.169.254:80         ; may not be scraped
            [fe80::1]:80               ; may not be scraped
            [::ffff:169.254.169.254]:80; may not be scraped
            224.0.0.1:80               ; may not be scraped
            0.0.0.0:80                 ; may not be scraped
            2130706433:80              ; may not be scraped
            0177.0.0.1:80              ; may not be scraped
            127.0.0.1                  ; must be host:port
            127.0.0.1:0                ; has a port outside 1-65535
            127.0.0.1:70000            ; has a port outside 1-65535
            http://127.0.0.1:80        ; must be host:port
            host name:80               ; is not a host name or address
            user@host:80               ; credentials in the URL
            """)
    void linkLocalMulticastReservedAndMalformedAddressesAreRefusedNamingTheField(String address, String why) {
        InvalidScrapeTargetException e = assertThrows(InvalidScrapeTargetException.class, () -> target(address));
        assertTrue(e.getMessage().startsWith("targets[0] '" + address + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', nullValues = "-", textBlock = """
            name          ; -             ; -        ; -       ; name (none) must be
            name          ; 9lives        ; -        ; -       ; name '9lives' must be
            name          ; gateway       ; -        ; -       ; is the job of one of the platform's own components
            scheme        ; app           ; ftp      ; -       ; scheme 'ftp' must be http or https
            path          ; app           ; -        ; metrics ; metricsPath 'metrics' must start with '/'
            path query    ; app           ; -        ; /m?x=1  ; no query
            """)
    void badNamesSchemesAndPathsAreRefused(String label, String name, String scheme, String path, String message) {
        InvalidScrapeTargetException e = assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated(name, List.of("127.0.0.1:1"), Map.of(), path, scheme, RESERVED));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', textBlock = """
            __scheme__ ; https ; is set by the platform
            job        ; other ; is set by the platform
            instance   ; x     ; is set by the platform
            a-b        ; x     ; is not a label name
            ok         ; a\u0000b ; no control character
            """)
    void labelsTheStoreOrThePlatformSetAndUnprintableValuesAreRefused(String label, String value, String message) {
        InvalidScrapeTargetException e = assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated("app", List.of("127.0.0.1:1"), Map.of(label, value), null, null,
                        RESERVED));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c == 0), "the NUL is escaped in the message");
    }

    @Test
    void aMegabyteLabelValueIsRefusedWithAShortMessage() {
        String huge = "x".repeat(1_000_000);
        InvalidScrapeTargetException e = assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated("app", List.of("127.0.0.1:1"), Map.of("big", huge), null, null,
                        RESERVED));
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }

    @Test
    void tooManyAndDuplicateTargetsAreRefused() {
        List<String> many = IntStream.rangeClosed(1, UserScrapeTargets.MAX_TARGETS + 1)
                .mapToObj(port -> "127.0.0.1:" + port).toList();
        assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated("app", many, Map.of(), null, null, RESERVED));
        InvalidScrapeTargetException e = assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated("app", Arrays.asList("127.0.0.1:1", "127.0.0.1:1"), Map.of(), null,
                        null, RESERVED));
        assertTrue(e.getMessage().startsWith("targets[1]"), e.getMessage());
        assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated("app", List.of(), Map.of(), null, null, RESERVED));
    }

    @ParameterizedTest(name = "{0} every {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://10.0.0.2:8500/v1/sd       |      | 30s
            https://sd.internal/targets?x=1  | 5s   | 5s
            http://127.0.0.1:9000/sd         | 1h   | 1h
            http://[::1]:9000/sd             | 90s  | 1m30s
            """)
    void anHttpDiscoveryEndpointReplacesTheTargets(String url, String refresh, String expected) {
        UserScrapeTarget target = UserScrapeTargets.validated("sd", List.of(), Map.of(), null, null, url,
                refresh == null ? "" : refresh, RESERVED);
        assertEquals(List.of(), target.targets());
        assertEquals(url, target.httpSd().orElseThrow().url().toString());
        assertEquals(expected, io.opsplane.observability.promql.Durations.format(
                target.httpSd().orElseThrow().refreshInterval().toMillis()));
    }

    @ParameterizedTest(name = "{0} every {1}")
    @CsvSource(delimiter = '|', textBlock = """
            http://169.254.169.254/latest     |      | httpSdUrl 'http://169.254.169.254/latest' may not be read
            file:///etc/passwd                |      | httpSdUrl 'file:///etc/passwd' must be an http or https URL
            http://user:pw@10.0.0.2/sd        |      | without credentials
            http://10.0.0.2/sd#x              |      | without credentials or fragment
            ftp://10.0.0.2/sd                 |      | must be an http or https URL
            http://10.0.0.2/sd                | 4s   | httpSdRefreshInterval '4s' must be from 5s to 1h
            http://10.0.0.2/sd                | 2h   | must be from 5s to 1h
            http://10.0.0.2/sd                | soon | httpSdRefreshInterval 'soon' is not a duration
            """)
    void aBadDiscoveryEndpointIsRefusedNamingTheField(String url, String refresh, String message) {
        InvalidScrapeTargetException e = assertThrows(InvalidScrapeTargetException.class,
                () -> UserScrapeTargets.validated("sd", List.of(), Map.of(), null, null, url,
                        refresh == null ? "" : refresh, RESERVED));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void targetsAndAnEndpointAreExclusiveAndARefreshNeedsAnEndpoint() {
        assertTrue(assertThrows(InvalidScrapeTargetException.class, () -> UserScrapeTargets.validated("sd",
                List.of("10.0.0.1:9100"), Map.of(), null, null, "http://10.0.0.2/sd", "", RESERVED)).getMessage()
                .contains("either targets or httpSdUrl"));
        assertTrue(assertThrows(InvalidScrapeTargetException.class, () -> UserScrapeTargets.validated("sd",
                List.of("10.0.0.1:9100"), Map.of(), null, null, "", "30s", RESERVED)).getMessage()
                .startsWith("httpSdRefreshInterval"));
    }

    @Test
    void theGroupCarriesTheJobTheSchemeThePathAndTheUsersLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("environment", "staging");
        UserScrapeTarget target = UserScrapeTargets.validated("node", List.of("10.0.0.1:9100", "10.0.0.2:9100"),
                labels, null, "https", RESERVED);
        ScrapeTargets.TargetGroup group = target.group();
        assertEquals(List.of("10.0.0.1:9100", "10.0.0.2:9100"), group.targets());
        assertEquals(Map.of("__metrics_path__", "/metrics", "__scheme__", "https", "job", "node",
                "environment", "staging"), group.labels());
    }
}
