package io.opsplane.deploy.traffic.haproxy;

import java.util.List;

/** HAProxy refused a runtime-API command; carries the command, HAProxy's answer and what was applied before it. */
public final class HaproxyCommandException extends RuntimeException {

    private final String command;
    private final String answer;
    private final List<String> applied;

    public HaproxyCommandException(String command, String answer, List<String> applied) {
        super("HAProxy refused '" + command + "': " + answer.strip()
                + (applied.isEmpty() ? "" : " (applied before it: " + applied + ")"));
        this.command = command;
        this.answer = answer;
        this.applied = List.copyOf(applied);
    }

    public String command() {
        return command;
    }

    public String answer() {
        return answer;
    }

    public List<String> applied() {
        return applied;
    }
}
