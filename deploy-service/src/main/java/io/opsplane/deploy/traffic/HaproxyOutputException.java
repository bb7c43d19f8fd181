package io.opsplane.deploy.traffic;

/** Admin-socket output that does not have the expected shape, with the 1-based line. */
public final class HaproxyOutputException extends RuntimeException {

    public HaproxyOutputException(int line, String problem) {
        super("line " + line + ": " + problem);
    }
}
