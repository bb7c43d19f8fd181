/**
 * The pipeline scheduler: which jobs of a run may start now, given the states of all of them, with
 * GitLab CI's rules. Plain Java, no I/O and no clock: callers pass the time in.
 *
 * <ul>
 *   <li>{@link io.opsplane.pipeline.scheduling.DagScheduler} decides the next changes of a run.</li>
 *   <li>{@link io.opsplane.pipeline.scheduling.RunPhases} derives the run's status.</li>
 *   <li>{@link io.opsplane.pipeline.scheduling.DagValidation} and
 *       {@link io.opsplane.pipeline.scheduling.ExecutionOrder} check and order definitions.</li>
 *   <li>{@link io.opsplane.pipeline.scheduling.RetryDecision} and
 *       {@link io.opsplane.pipeline.scheduling.RetryFailed} handle retries.</li>
 * </ul>
 */
package io.opsplane.pipeline.scheduling;
