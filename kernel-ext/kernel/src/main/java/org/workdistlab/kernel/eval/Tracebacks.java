package org.workdistlab.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.tools.Diagnostic;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Formats compile errors and exceptions for the user, in cell coordinates: a compile error names the cell line
 * and marks the column with {@code ^}; an exception shows only the frames of cell code (JShell already maps its
 * wrapper classes to snippet ids {@code #N} and snippet lines, which are mapped here to cell lines) plus the frame
 * where it was thrown, and the same for each "Caused by".
 */
final class Tracebacks {

    /** Where a snippet's first line sits: in which cell (1-based count of executes) and at which cell line. */
    record SnippetLocation(int cell, int firstLine) {
    }

    private Tracebacks() {
    }

    /**
     * Lines for compile errors of a snippet that starts at {@code snippetOffset} in {@code cell}.
     */
    static List<String> compileError(String cell, int snippetOffset, List<Diag> diags) {
        var lines = new ArrayList<String>();
        for (var d : diags) {
            if (!d.isError()) {
                continue;
            }
            long pos = d.getPosition() != Diagnostic.NOPOS ? d.getPosition() : d.getStartPosition();
            int at = (int) Math.min(cell.length(), snippetOffset + Math.max(0, pos));
            int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = cell.indexOf('\n', at);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            if (at == lineEnd && at == lineStart && at > 0 && lineStart > 0) {
                // An error at the very end (e.g. "reached end of file") reads better on the last non-empty line.
                at = lineStart - 1;
                lineStart = cell.lastIndexOf('\n', at - 1) + 1;
                lineEnd = at;
            }
            String source = cell.substring(lineStart, lineEnd);
            int column = at - lineStart;
            var caret = new StringBuilder();
            for (int i = 0; i < column && i < source.length(); i++) {
                caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
            }
            caret.append('^');
            lines.add("line " + CellParser.lineOf(cell, at) + ", column " + (column + 1) + ": "
                    + d.getMessage(Locale.ROOT));
            lines.add("    " + source);
            lines.add("    " + caret);
        }
        return lines;
    }

    /** The first error diagnostic's message, for {@code evalue}. */
    static String firstMessage(List<Diag> diags, String fallback) {
        return diags.stream().filter(Diag::isError).map(d -> d.getMessage(Locale.ROOT)).findFirst()
                .orElse(fallback);
    }

    /** The exception's class name as the user knows it (JShell reports the original class in EvalException). */
    static String className(Throwable t) {
        if (t instanceof EvalException e) {
            return e.getExceptionClassName();
        }
        return t.getClass().getName();
    }

    static String simpleName(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    /**
     * Lines for an exception thrown by cell code.
     *
     * @param locate snippet id (the {@code N} of {@code #N}) to its location, or null when unknown
     * @param cell   the number of the running cell, whose lines are shown without a cell number
     */
    static List<String> runtime(Throwable thrown, Function<String, SnippetLocation> locate, int cell) {
        var lines = new ArrayList<String>();
        Throwable t = thrown;
        boolean first = true;
        int depth = 0;
        while (t != null && depth++ < 20) {
            String header = className(t) + (t.getMessage() == null ? "" : ": " + t.getMessage());
            if (t instanceof UnresolvedReferenceException u) {
                header = "UnresolvedReferenceException: " + u.getSnippet().source().strip()
                        + " cannot run until what it uses is declared";
            }
            lines.add(first ? header : "Caused by: " + header);
            first = false;
            var frames = t.getStackTrace();
            int lastCellFrame = -1;
            for (int i = 0; i < frames.length; i++) {
                if (isCellFrame(frames[i])) {
                    lastCellFrame = i;
                }
            }
            int skipped = 0;
            for (int i = 0; i < frames.length; i++) {
                var f = frames[i];
                boolean cellFrame = isCellFrame(f);
                if (i > lastCellFrame && lastCellFrame >= 0) {
                    break;
                }
                if (!cellFrame && i != 0 && lastCellFrame >= 0) {
                    skipped++;
                    continue;
                }
                if (skipped > 0) {
                    lines.add("\t... " + skipped + " more in library code");
                    skipped = 0;
                }
                lines.add("\tat " + describe(f, locate, cell));
                if (lastCellFrame < 0 && i >= 4) {
                    // No cell frame at all (e.g. a worker's task): the first frames tell the story.
                    if (frames.length > 5) {
                        lines.add("\t... " + (frames.length - 5) + " more");
                    }
                    break;
                }
            }
            t = t.getCause();
        }
        return lines;
    }

    private static boolean isCellFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private static String describe(StackTraceElement f, Function<String, SnippetLocation> locate, int cell) {
        if (!isCellFrame(f)) {
            return f.toString();
        }
        String where = f.getClassName().isEmpty() ? f.getMethodName()
                : f.getClassName() + "." + f.getMethodName();
        String id = f.getFileName().substring(1);
        var loc = locate.apply(id);
        String place;
        if (loc == null) {
            place = "snippet #" + id + ", line " + f.getLineNumber();
        } else {
            int line = loc.firstLine() + Math.max(1, f.getLineNumber()) - 1;
            place = loc.cell() == cell ? "line " + line : "cell " + loc.cell() + ", line " + line;
        }
        return where.isEmpty() ? place : where + "(" + place + ")";
    }
}
