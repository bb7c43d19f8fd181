package io.opsplane.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRotationTest {

    @TempDir
    Path folder;

    @Test
    void aFileUnderTheLimitStaysAsItIs() throws Exception {
        Path log = folder.resolve("web.log");
        Files.writeString(log, "short\n");

        assertFalse(new LogRotation(log, 1024).rotateIfOver());

        assertEquals("short\n", Files.readString(log));
        assertFalse(Files.exists(folder.resolve("web.log.1")));
    }

    @Test
    void aFileOverTheLimitIsKeptOnceAndTheWriterGoesOnAtItsStart() throws Exception {
        Path log = folder.resolve("web.log");
        // A real writer that keeps its O_APPEND descriptor across the rotation, as an instance does.
        Process writer = new ProcessBuilder("/bin/sh", "-c", "i=0; while [ $i -lt 500 ]; do echo line-$i; i=$((i+1)); done; "
                + "read go; echo after-rotation")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        while (!Files.readString(log).contains("line-499")) {
            Thread.sleep(10);
        }
        LogRotation rotation = new LogRotation(log, 1024);

        assertTrue(rotation.rotateIfOver());
        writer.getOutputStream().write("go\n".getBytes());
        writer.getOutputStream().close();
        assertEquals(0, writer.waitFor());

        assertEquals(List.of("after-rotation"), Files.readAllLines(log), "the next write lands at the start of the emptied file");
        List<String> previous = Files.readAllLines(rotation.previous());
        assertEquals("line-0", previous.get(0));
        assertEquals("line-499", previous.get(previous.size() - 1));
    }

    @Test
    void aMissingFileIsNothingToRotate() {
        assertFalse(new LogRotation(folder.resolve("absent.log"), 1024).rotateIfOver());
    }
}
