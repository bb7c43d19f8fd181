package io.opsplane.deploy.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShowStatParserTest {

    private static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,"
            + "eresp,wretr,wredis,status,weight,act,bck,\n";

    @Test
    void readsServerLinesAndSkipsTheProxyTotals() {
        String csv = HEADER
                + "web,FRONTEND,,,3,9,2000,120,1,2,0,0,0,,,,,OPEN,,,,\n"
                + "app,stable-0,0,0,2,5,,90,1,2,,0,,0,0,0,0,UP,192,1,0,\n"
                + "app,canary-0,0,0,0,1,,30,1,2,,0,,0,0,0,0,DOWN 1/3,64,1,0,\n"
                + "app,old-0,0,0,1,1,,8,1,2,,0,,0,0,0,0,MAINT,0,1,0,\n"
                + "app,BACKEND,0,0,3,6,200,120,1,2,0,0,,0,0,0,0,UP,256,2,0,\n";

        List<ServerStats> stats = ShowStatParser.parse(csv);

        assertEquals(List.of(new ServerStats("app", "stable-0", "UP", 192, 2),
                new ServerStats("app", "canary-0", "DOWN 1/3", 64, 0),
                new ServerStats("app", "old-0", "MAINT", 0, 1)), stats);
        assertTrue(stats.get(0).isUp());
        assertFalse(stats.get(1).isUp());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "pxname,svname                              | line 1",
            "# pxname,svname,scur,status                | line 1",
            "# pxname,svname,scur,status,weight\\napp,s | line 2",
            "# pxname,svname,scur,status,weight\\napp,s,x,UP,1 | line 2",
    })
    void refusesOutputOfAnotherShape(String csv, String line) {
        HaproxyOutputException error = assertThrows(HaproxyOutputException.class,
                () -> ShowStatParser.parse(csv.replace("\\n", "\n")));
        assertTrue(error.getMessage().startsWith(line), error.getMessage());
    }
}
