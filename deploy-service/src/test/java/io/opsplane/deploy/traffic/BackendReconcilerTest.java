package io.opsplane.deploy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackendReconcilerTest {

    private static final String HEADER = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight "
            + "srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state "
            + "srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port "
            + "srv_check_addr srv_agent_addr srv_agent_port\n";

    private static String row(String backend, String server, int port, int operational, int admin, int weight) {
        return "3 " + backend + " 1 " + server + " 127.0.0.1 " + operational + " " + admin + " " + weight
                + " 1 120 1 0 0 0 0 0 0 - " + port + " - 0 0 - - 0\n";
    }

    @Test
    void readsServersStateByColumnName() {
        List<ActualServer> servers = ServersStateParser.parse(HEADER + row("app_staging", "stable-0", 20000, 2, 0, 192)
                + row("app_staging", "canary-0", 20001, 0, 0x08, 64) + row("other", "x-0", 20002, 2, 0x01, 1) + "\n");

        assertEquals(List.of(
                new ActualServer("app_staging", "stable-0", "127.0.0.1", 20000, 192, ServerState.READY, true),
                new ActualServer("app_staging", "canary-0", "127.0.0.1", 20001, 64, ServerState.DRAIN, false),
                new ActualServer("other", "x-0", "127.0.0.1", 20002, 1, ServerState.MAINT, true)), servers);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2 app 1 s                  | line 1",
            "1                          | line 2",
            "1\\n be_id be_name         | line 2",
            "1\\n# be_id be_name        | line 2",
    })
    void refusesOutputOfAnotherShape(String output, String line) {
        HaproxyOutputException error = assertThrows(HaproxyOutputException.class,
                () -> ServersStateParser.parse(output.replace("\\n", "\n")));
        assertTrue(error.getMessage().startsWith(line), error.getMessage());
    }

    @Test
    void refusesRowsWithMissingOrNonNumericColumns() {
        assertTrue(assertThrows(HaproxyOutputException.class, () -> ServersStateParser.parse(HEADER + "3 app 1 s\n"))
                .getMessage().startsWith("line 3"));
        assertTrue(assertThrows(HaproxyOutputException.class, () -> ServersStateParser.parse(
                HEADER + row("app", "s", 20000, 2, 0, 1).replace(" 20000 ", " port "))).getMessage().startsWith("line 3"));
    }

    @Test
    void afterAnHaproxyRestartTheStoredWeightsAreAppliedAgain() {
        List<ActualServer> restarted = ServersStateParser.parse(HEADER + row("app", "stable-0", 20000, 2, 0, 1)
                + row("app", "canary-0", 20001, 2, 0, 1));
        List<DesiredServer> desired = List.of(new DesiredServer("stable-0", "127.0.0.1", 20000, 192, ServerState.READY),
                new DesiredServer("canary-0", "127.0.0.1", 20001, 64, ServerState.READY));

        assertEquals(List.of("set server app/stable-0 weight 192", "set server app/canary-0 weight 64"),
                BackendReconciler.commands("app", desired, restarted));
    }

    @Test
    void nothingToDoWhenHaproxyAlreadyMatches() {
        List<ActualServer> actual = List.of(new ActualServer("app", "s-0", "127.0.0.1", 20000, 256, ServerState.READY, true));
        assertEquals(List.of(), BackendReconciler.commands("app",
                List.of(new DesiredServer("s-0", "127.0.0.1", 20000, 256, ServerState.READY)), actual));
    }

    @Test
    void addsMissingServersRetiresExtraOnesAndFixesStates() {
        List<ActualServer> actual = List.of(
                new ActualServer("app", "stable-0", "127.0.0.1", 20000, 256, ServerState.READY, true),
                new ActualServer("app", "old-0", "127.0.0.1", 20009, 0, ServerState.DRAIN, true),
                new ActualServer("app", "old-1", "127.0.0.1", 20010, 0, ServerState.MAINT, false),
                new ActualServer("other", "canary-0", "127.0.0.1", 20001, 5, ServerState.READY, true));
        List<DesiredServer> desired = List.of(new DesiredServer("stable-0", "127.0.0.1", 20000, 0, ServerState.DRAIN),
                new DesiredServer("canary-0", "127.0.0.1", 20001, 256, ServerState.READY));

        assertEquals(List.of(
                "set server app/stable-0 weight 0",
                "set server app/stable-0 state drain",
                "add server app/canary-0 127.0.0.1:20001 weight 256 check inter 1s fall 2 rise 2",
                "enable health app/canary-0",
                "set server app/canary-0 state ready",
                "set server app/old-0 state maint",
                "del server app/old-0",
                "del server app/old-1"), BackendReconciler.commands("app", desired, actual));
    }

    @Test
    void refusesToMoveAServerToAnotherAddressInPlace() {
        List<ActualServer> actual = List.of(new ActualServer("app", "s-0", "127.0.0.1", 20000, 1, ServerState.READY, true));
        assertThrows(IllegalArgumentException.class, () -> BackendReconciler.commands("app",
                List.of(new DesiredServer("s-0", "127.0.0.1", 20005, 1, ServerState.READY)), actual));
    }
}
