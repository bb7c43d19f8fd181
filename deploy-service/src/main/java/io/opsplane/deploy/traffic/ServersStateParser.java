package io.opsplane.deploy.traffic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads {@code show servers state} (format version 1): a version line, a {@code #} header naming
 * the columns, then one space-separated line per server. Columns are found by header name, so
 * columns added by later versions do not break it.
 */
public final class ServersStateParser {

    /** srv_admin_state bits: forced, inherited, config, resolution and hostname maintenance. */
    private static final int MAINT_BITS = 0x01 | 0x02 | 0x04 | 0x20 | 0x40;
    /** srv_admin_state bits: forced and inherited drain. */
    private static final int DRAIN_BITS = 0x08 | 0x10;
    private static final int OPERATIONAL_RUNNING = 2;

    private ServersStateParser() {
    }

    public static List<ActualServer> parse(String output) {
        String[] lines = output.split("\\R");
        if (lines.length == 0 || !lines[0].trim().equals("1")) {
            throw new HaproxyOutputException(1, "expected format version 1, found '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        if (lines.length < 2 || !lines[1].startsWith("#")) {
            throw new HaproxyOutputException(2, "expected the '#' column header");
        }
        List<String> header = Arrays.asList(lines[1].substring(1).trim().split("\\s+"));
        int backend = column(header, "be_name");
        int server = column(header, "srv_name");
        int address = column(header, "srv_addr");
        int operational = column(header, "srv_op_state");
        int admin = column(header, "srv_admin_state");
        int weight = column(header, "srv_uweight");
        int port = column(header, "srv_port");
        List<ActualServer> servers = new ArrayList<>();
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < header.size()) {
                throw new HaproxyOutputException(i + 1, "expected " + header.size() + " columns, found " + fields.length);
            }
            try {
                int adminState = Integer.parseInt(fields[admin]);
                servers.add(new ActualServer(fields[backend], fields[server], fields[address],
                        Integer.parseInt(fields[port]), Integer.parseInt(fields[weight]), state(adminState),
                        Integer.parseInt(fields[operational]) == OPERATIONAL_RUNNING));
            } catch (NumberFormatException e) {
                throw new HaproxyOutputException(i + 1, "a numeric column is not a number: " + e.getMessage());
            }
        }
        return servers;
    }

    private static ServerState state(int adminState) {
        if ((adminState & MAINT_BITS) != 0) {
            return ServerState.MAINT;
        }
        return (adminState & DRAIN_BITS) != 0 ? ServerState.DRAIN : ServerState.READY;
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new HaproxyOutputException(2, "the header has no column " + name);
        }
        return index;
    }
}
