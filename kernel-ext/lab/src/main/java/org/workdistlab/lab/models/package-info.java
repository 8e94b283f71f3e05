/**
 * Models fitted to what was measured: Amdahl's law with the Karp-Flatt metric, the Universal Scalability Law with
 * a bootstrap band, the course module's own coordination formulas and the M/M/1 queue, each labelled as a model
 * and each fit keeping its parameters, goodness of fit and data.
 *
 * <pre>{@code
 * UslFit usl = Usl.fit(result.throughput());            // one Observation per trial, >= 4 thread counts
 * AmdahlFit amdahl = Amdahl.fit(Speedups.fromThroughput(result.throughput()));
 * }</pre>
 */
package org.workdistlab.lab.models;
