/**
 * Job executors: run a job's scripts on the runner's machine, GitLab style, and leave nothing behind.
 *
 * <p>{@link io.opsplane.runner.executor.JobExecutors#select} picks {@code sandbox} (bubblewrap) where it works,
 * else {@code shell}. Both run the same inner command: {@code init.sh}, the first process of a PID namespace
 * of the job's own, supervising {@code bash -eo pipefail} on a script generated in a runner-private directory
 * outside the workspace. Variables travel only in the environment, which holds nothing of the runner's.
 *
 * <ul>
 *   <li>before_script and script share one shell; its exit code is the job's. after_script runs in a new shell
 *       with its own timeout after success, failure and timeout, not after a cancel; it sees CI_JOB_STATUS
 *       (success or failed) and its own ending never changes the result.</li>
 *   <li>Cancel and timeout: SIGTERM to init.sh, which sends it on to every process of the namespace
 *       ({@code kill -TERM -1}); after the grace period SIGKILL to the wrapper (unshare or bwrap), whose death
 *       ends the namespace and with it every descendant, double-forked and setsid ones included. The result
 *       completes once the namespace's first process has ended, which the kernel allows only after all others.</li>
 *   <li>Runner death: setpriv --pdeathsig KILL (shell) and bwrap --die-with-parent (sandbox) kill the wrapper
 *       when the runner dies, even by SIGKILL. The parent-death signal follows the <em>thread</em> that started
 *       the process, so each job starts its processes on a thread of its own that outlives them.</li>
 *   <li>Limits: the log is cut at {@link io.opsplane.runner.executor.ResourceLimits#maxLogBytes()} with one
 *       marker line (the job goes on); memory, CPU and process limits go through prlimit(1) per process.
 *       Control characters are made visible in one place, {@code ControlCharacters}.</li>
 * </ul>
 *
 * <p>No framework types here: the runner's application wires these classes in.
 */
package io.opsplane.runner.executor;
