package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.List;

/**
 * One result of the module's Exercise 1 calculator (see {@link CoordinationTax#overhead}), an illustrative model.
 *
 * <pre>{@code
 * OverheadEstimate e = CoordinationTax.overhead(50, 1.0, 1000.0);
 * e.effectiveNodes();  // -11.25
 * e.problems();        // why that cannot describe a real system
 * }</pre>
 *
 * @param nodes                 worker count
 * @param coordinationMsPerPath time spent per communication path
 * @param totalWorkMs           time of the work being shared
 * @param paths                 {@code nodes (nodes - 1) / 2}
 * @param overheadPercent       {@code paths * t / total * 100}; can exceed 100
 * @param effectiveNodes        {@code nodes * (1 - overheadPercent / 100)}; can be negative
 */
public record OverheadEstimate(int nodes, double coordinationMsPerPath, double totalWorkMs, long paths,
                               double overheadPercent, double effectiveNodes) {

    /** Why this result cannot describe a real system; empty when it is at least self-consistent. */
    public List<String> problems() {
        var out = new ArrayList<String>();
        if (overheadPercent > 100) {
            out.add(String.format("overhead %.1f %% > 100 %%: coordination (%d paths x %.3g ms) takes longer than"
                    + " the %.3g ms of work, so the linear formula no longer means anything", overheadPercent, paths,
                    coordinationMsPerPath, totalWorkMs));
        }
        if (effectiveNodes < 0) {
            out.add(String.format("effective nodes %.2f < 0: a system cannot do negative work; real throughput"
                    + " stays positive (USL: it peaks, then declines toward zero)", effectiveNodes));
        }
        return List.copyOf(out);
    }

    /** True when {@link #problems()} is not empty. */
    public boolean isNonsense() {
        return !problems().isEmpty();
    }

    @Override
    public String toString() {
        return String.format("%d nodes: %d paths, overhead %.2f %%, effective nodes %.2f%s", nodes, paths,
                overheadPercent, effectiveNodes, isNonsense() ? " (nonsense: " + String.join("; ", problems()) + ")" : "");
    }
}
