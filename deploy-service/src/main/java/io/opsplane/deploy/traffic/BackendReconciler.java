package io.opsplane.deploy.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands that bring one backend from what HAProxy reports to what deploy-service stores,
 * such as after HAProxy restarted and forgot every run-time change. Weights are set before states
 * so a server coming back as ready never takes traffic at a stale weight.
 */
public final class BackendReconciler {

    private BackendReconciler() {
    }

    public static List<String> commands(String backend, List<DesiredServer> desired, List<ActualServer> reported) {
        Map<String, ActualServer> actual = new LinkedHashMap<>();
        reported.stream().filter(server -> server.backend().equals(backend)).forEach(server -> actual.put(server.name(), server));
        List<String> commands = new ArrayList<>();
        for (DesiredServer server : desired) {
            ActualServer current = actual.remove(server.name());
            if (current == null) {
                commands.add(HaproxyCommands.addServer(backend, server.name(), server.ipv4(), server.port(), server.weight()));
                commands.add(HaproxyCommands.enableHealth(backend, server.name()));
                commands.add(HaproxyCommands.setState(backend, server.name(), server.state()));
                continue;
            }
            if (!current.ipv4().equals(server.ipv4()) || current.port() != server.port()) {
                // An address cannot change in place here; the old server is retired and a new one added.
                throw new IllegalArgumentException("server " + backend + "/" + server.name() + " is at " + current.ipv4() + ":"
                        + current.port() + " but should be at " + server.ipv4() + ":" + server.port()
                        + "; give the new instance a new server name");
            }
            if (current.weight() != server.weight()) {
                commands.add(HaproxyCommands.setWeight(backend, server.name(), server.weight()));
            }
            if (current.state() != server.state()) {
                commands.add(HaproxyCommands.setState(backend, server.name(), server.state()));
            }
        }
        for (ActualServer extra : actual.values()) {
            if (extra.state() != ServerState.MAINT) {
                commands.add(HaproxyCommands.setState(backend, extra.name(), ServerState.MAINT));
            }
            commands.add(HaproxyCommands.deleteServer(backend, extra.name()));
        }
        return commands;
    }
}
