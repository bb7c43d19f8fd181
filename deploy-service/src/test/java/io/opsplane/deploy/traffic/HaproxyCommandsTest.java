package io.opsplane.deploy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.deploy.validation.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaproxyCommandsTest {

    @Test
    void rendersCommandsAsTheAdminSocketTakesThem() {
        assertEquals("set server app_staging/canary-1 weight 128", HaproxyCommands.setWeight("app_staging", "canary-1", 128));
        assertEquals("set server app_staging/canary-1 state drain",
                HaproxyCommands.setState("app_staging", "canary-1", ServerState.DRAIN));
        assertEquals("set server app_staging/canary-1 state ready",
                HaproxyCommands.setState("app_staging", "canary-1", ServerState.READY));
        assertEquals("set server app_staging/canary-1 state maint",
                HaproxyCommands.setState("app_staging", "canary-1", ServerState.MAINT));
        assertEquals("add server app_staging/canary-2 127.0.0.1:20001 weight 0 check inter 1s fall 2 rise 2",
                HaproxyCommands.addServer("app_staging", "canary-2", "127.0.0.1", 20001, 0));
        assertEquals("enable health app_staging/canary-2", HaproxyCommands.enableHealth("app_staging", "canary-2"));
        assertEquals("del server app_staging/canary-2", HaproxyCommands.deleteServer("app_staging", "canary-2"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "app           | s1; shutdown sessions | 127.0.0.1 | 80    | 1   | server",
            "app           | s1 weight 0           | 127.0.0.1 | 80    | 1   | server",
            "app/other     | s1                    | 127.0.0.1 | 80    | 1   | backend",
            "''            | s1                    | 127.0.0.1 | 80    | 1   | backend",
            "NULL          | s1                    | 127.0.0.1 | 80    | 1   | backend",
            "-app          | s1                    | 127.0.0.1 | 80    | 1   | backend",
            "app           | s1                    | 256.0.0.1 | 80    | 1   | address",
            "app           | s1                    | localhost | 80    | 1   | address",
            "app           | s1                    | 127.0.0.1 | 0     | 1   | port",
            "app           | s1                    | 127.0.0.1 | 65536 | 1   | port",
            "app           | s1                    | 127.0.0.1 | 80    | 257 | weight",
            "app           | s1                    | 127.0.0.1 | 80    | -1  | weight",
    })
    void refusesWordsThatCouldBreakOutOfTheCommand(String backend, String server, String address, int port, int weight,
            String field) {
        assertEquals(field, assertThrows(InvalidFieldException.class,
                () -> HaproxyCommands.addServer(backend, server, address, port, weight)).field());
    }

    @Test
    void refusesNewlinesInNames() {
        assertEquals("server", assertThrows(InvalidFieldException.class,
                () -> HaproxyCommands.setWeight("app", "s1\nshow info", 1)).field());
    }
}
