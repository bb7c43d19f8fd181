package io.opsplane.deploy.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Reads the server lines of {@code show stat} CSV, locating columns by the {@code # pxname,...} header. */
public final class ShowStatParser {

    /** Aggregate lines, not servers. */
    private static final Set<String> PROXY_ROWS = Set.of("FRONTEND", "BACKEND");

    private ShowStatParser() {
    }

    public static List<ServerStats> parse(String csv) {
        String[] lines = csv.split("\\R");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new HaproxyOutputException(1, "expected the '# pxname,svname,...' header");
        }
        List<String> header = Arrays.asList(lines[0].substring(2).split(",", -1));
        int proxy = column(header, "pxname");
        int server = column(header, "svname");
        int sessions = column(header, "scur");
        int status = column(header, "status");
        int weight = column(header, "weight");
        List<ServerStats> stats = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(",", -1);
            if (fields.length < header.size()) {
                throw new HaproxyOutputException(i + 1, "expected " + header.size() + " columns, found " + fields.length);
            }
            if (PROXY_ROWS.contains(fields[server])) {
                continue;
            }
            try {
                stats.add(new ServerStats(fields[proxy], fields[server], fields[status],
                        Integer.parseInt(fields[weight]), Integer.parseInt(fields[sessions])));
            } catch (NumberFormatException e) {
                throw new HaproxyOutputException(i + 1, "weight or scur is not a number: " + e.getMessage());
            }
        }
        return stats;
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new HaproxyOutputException(1, "the header has no column " + name);
        }
        return index;
    }
}
