package io.opsplane.runner.executor;

/**
 * The script that starts a phase inside the job's PID namespace. It is that namespace's first process (under
 * bubblewrap the second, after bwrap's own): it passes a SIGTERM from the runner on to every process of the
 * namespace, double-forked and setsid ones included, waits for the phase's bash and records its exit status,
 * which also tells the runner that the confinement started at all.
 */
final class InitScript {

    static final String TEXT = """
            # Usage: init.sh STATUS_FILE COMMAND...
            status_file=$1
            shift
            # kill -1 reaches every process the caller may signal: only in a fresh PID namespace is that just the job.
            if (( $$ > 2 )); then
              echo "init.sh: not among the first processes of a PID namespace; refusing to run" >&2
              exit 125
            fi
            trap 'kill -TERM -1 2>/dev/null' TERM
            "$@" &
            job=$!
            # wait returns early when SIGTERM arrives; go on waiting so the job gets its grace period.
            while :; do
              wait "$job"
              status=$?
              kill -0 "$job" 2>/dev/null || break
            done
            echo "$status" > "$status_file"
            exit "$status"
            """;

    private InitScript() {
    }
}
