/**
 * Seeded, repeatable simulations of the module's five specters and its patterns. Each class is one lesson:
 * a policy (what is being compared), events (a generator named by its distribution, from a printed seed) and
 * stats (a result record with a Tablesaw {@code table()}, a {@code chart()} and a readable {@code toString()}).
 * A notebook cell is one line; every knob has a documented default.
 *
 * <table>
 *   <caption>What runs where</caption>
 *   <tr><th>Call</th><th>Kind</th><th>Shows</th></tr>
 *   <tr><td>{@link org.workdistlab.lab.simulations.ThunderingHerd#simulate()}</td><td>model, virtual slots</td>
 *       <td>no backoff vs exponential vs full-jitter backoff: requests per slot, time to recovery</td></tr>
 *   <tr><td>{@link org.workdistlab.lab.simulations.Starvation#simulate()}</td><td>model, discrete events</td>
 *       <td>FIFO vs MLFQ with and without aging: wait percentiles per task size</td></tr>
 *   <tr><td>{@link org.workdistlab.lab.simulations.HeadOfLineBlocking#simulate()}</td><td>model, discrete
 *       events</td><td>per-worker queues, work stealing, one shared queue: fast-request latency</td></tr>
 *   <tr><td>{@link org.workdistlab.lab.simulations.WorkAffinity#simulate()}</td><td>model</td>
 *       <td>{@code hash % n} vs rings with 1/10/150 vnodes: load, max/mean, keys moved on join/leave</td></tr>
 *   <tr><td>{@link org.workdistlab.lab.simulations.DistributedDeadlock#simulate()}</td><td>real threads</td>
 *       <td>a lock cycle found by ThreadMXBean, fixed by lock order and by tryLock + backoff</td></tr>
 *   <tr><td>{@link org.workdistlab.lab.simulations.Batching#measure()}</td><td>measured, real H2</td>
 *       <td>per-row vs batched writes, N+1 vs batched reads, with the fill-wait cost of batching</td></tr>
 * </table>
 *
 * Models are labelled as models in their output; their numbers illustrate a mechanism, they are not
 * measurements of any real system. Nothing here depends on Jupyter: the same calls work in JShell or a main.
 */
package org.workdistlab.lab.simulations;
