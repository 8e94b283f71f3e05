package org.workdistlab.grader.suites.workqueue;

import java.util.ArrayDeque;
import java.util.function.Supplier;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;

/**
 * The Lincheck model-checking test of a {@link WorkStealingDeque}: one owner thread does {@code push} and
 * {@code pop} (non-parallel group "owner"), the other threads {@code steal}; results must match some sequential
 * run of {@link Spec}, an {@link ArrayDeque} used the way the contract says.
 *
 * <p>Lincheck creates instances of this class itself, so the deque under test comes from a static supplier
 * that the check sets before running.
 */
@Param(name = "task", gen = IntGen.class, conf = "1:9")
public class DequeLinearizability {

    static volatile Supplier<WorkStealingDeque<Integer>> factory;

    private final WorkStealingDeque<Integer> deque = factory.get();

    @Operation(nonParallelGroup = "owner")
    public void push(@Param(name = "task") int task) {
        deque.push(task);
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

        public void push(int task) {
            d.addLast(task);
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
