package org.workdistlab.kernel.eval;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.workdistlab.display.MimeBundle;

/**
 * The language side of the kernel: evaluates cells with JShell and answers completion, inspection and
 * is-complete questions. It never sees a socket; the protocol layer turns its results into replies.
 *
 * <p>Threading: {@link #execute} runs one cell at a time and blocks the calling thread until the cell ends;
 * {@link #interrupt} is called from another thread while a cell runs. {@link #complete}, {@link #inspect} and
 * {@link #isComplete} may be called while no cell runs (the shell channel is serial).
 */
public interface Evaluator extends AutoCloseable {

    /**
     * Runs a cell (Java snippets and magics). Output the cell prints or displays goes to {@code output} while it
     * runs, including output from threads the cell started. Never throws for anything the cell does.
     */
    Outcome execute(String code, CellOutput output);

    /** Completion candidates at {@code cursor} (a UTF-16 offset into {@code code}). */
    Completion complete(String code, int cursor);

    /** What is known about the name at or before {@code cursor}; empty when nothing is found. */
    Optional<MimeBundle> inspect(String code, int cursor, int detailLevel);

    /** Whether {@code code} is a complete cell, needs more lines, or can never compile. */
    Completeness isComplete(String code);

    /** Stops the running cell (and the threads it started) as soon as possible; harmless when idle. */
    void interrupt();

    /** Releases JShell and every thread the evaluator owns. */
    @Override
    void close();

    /** Where a running cell's output goes. Implementations are thread-safe. */
    interface CellOutput {
        /** Text the cell printed; {@code name} is {@code "stdout"} or {@code "stderr"}. */
        void stream(String name, String text);

        /** A rich output: new ({@code update} false) or an in-place update of the output with the same id. */
        void display(MimeBundle bundle, String displayId, boolean update);

        /** Clears the cell's output; with {@code wait}, once new output arrives. */
        void clearOutput(boolean wait);
    }

    /** How a cell ended. */
    sealed interface Outcome {
        /**
         * The cell ran.
         *
         * @param value    the last expression's value, rendered; empty when the cell ended with a statement
         *                 or declaration
         * @param payloads Jupyter reply payloads, e.g. {@code {"source": "page", "data": {...}, "start": 0}}
         */
        record Ok(Optional<MimeBundle> value, List<Map<String, Object>> payloads) implements Outcome {
        }

        /**
         * The cell failed to compile or threw.
         *
         * @param ename     exception or error class, e.g. {@code "CompilationError"}, {@code "ArithmeticException"}
         * @param evalue    the message
         * @param traceback lines shown to the user (may contain ANSI colour codes), cell frames only
         */
        record Error(String ename, String evalue, List<String> traceback) implements Outcome {
        }

        /** The cell was stopped by {@link Evaluator#interrupt}. */
        record Interrupted(String message) implements Outcome {
        }
    }

    /**
     * Completion candidates replacing {@code code.substring(cursorStart, cursorEnd)}.
     */
    record Completion(List<String> matches, int cursorStart, int cursorEnd) {
    }

    /** The answer to an is_complete request; {@code indent} only matters for {@code INCOMPLETE}. */
    record Completeness(Status status, String indent) {
        public enum Status { COMPLETE, INCOMPLETE, INVALID, UNKNOWN }
    }
}
