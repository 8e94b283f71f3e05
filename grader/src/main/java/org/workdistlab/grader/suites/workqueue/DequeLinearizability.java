package org.workdistlab.grader.suites.workqueue;

import java.util.ArrayDeque;
import java.util.function.Supplier;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;

/**
 * The Lincheck model-checking test of a {@link WorkStealingDeque}: one owner thread does {@code push} and
 * {@code pop} (non-parallel group "owner"), the other threads {@code steal}; results must match some sequential
 * run of {@link Spec}, an {@link ArrayDeque} used the way the contract says.
 *
 * <p>{@code push} pushes 1, 2, 3, ... in order (the owner's calls are never concurrent, and keep their order in
 * any linearization, so the spec numbers them the same way): distinct values make a steal from the wrong end
 * visible, which a random parameter often does not (Lincheck tends to repeat one value within a scenario).
 *
 * <p>Lincheck creates instances of this class itself, so the deque under test comes from a static supplier
 * that the check sets before running.
 */
public class DequeLinearizability {

    static volatile Supplier<WorkStealingDeque<Integer>> factory;

    private final WorkStealingDeque<Integer> deque = factory.get();
    private int next = 1;

    @Operation(nonParallelGroup = "owner")
    public void push() {
        deque.push(next++);
    }

    @Operation(nonParallelGroup = "owner")
    public Integer pop() {
        return deque.pop();
    }

    @Operation
    public Integer steal() {
        return deque.steal();
    }

    /** The sequential meaning: bottom = last, top = first. */
    public static class Spec {
        private final ArrayDeque<Integer> d = new ArrayDeque<>();
        private int next = 1;

        public void push() {
            d.addLast(next++);
        }

        public Integer pop() {
            return d.pollLast();
        }

        public Integer steal() {
            return d.pollFirst();
        }
    }

    /** Lincheck budget; see {@code WorkQueueSuite#dequeLinearizable} for how it was sized. */
    static ModelCheckingOptions options(int iterations, int invocations) {
        return new ModelCheckingOptions()
                .iterations(iterations)
                .invocationsPerIteration(invocations)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(Spec.class);
    }
}
