package org.workdistlab.kernel.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a cell into Java text and magics, keeping each part's offset in the cell so that errors can name cell
 * lines. Rules: a cell whose first non-blank line starts with {@code %%} is a cell magic with the rest as body;
 * any other line starting with {@code %} is a line magic; a cell that is only {@code ?name} or {@code name?}
 * asks for help; everything else is Java.
 */
final class CellParser {

    private static final Pattern HELP_BEFORE = Pattern.compile("\\?{1,2}\\s*([\\w$.]+)");
    private static final Pattern HELP_AFTER = Pattern.compile("([\\w$.]+)\\s*\\?{1,2}");

    private CellParser() {
    }

    sealed interface Part {
        /** Offset of the part's first character in the cell. */
        int offset();
    }

    /** Java source; {@code source} is exactly {@code cell.substring(offset, offset + source.length())}. */
    record Java(String source, int offset) implements Part {
    }

    /** {@code %name args} on one line. */
    record LineMagic(String name, String args, int offset) implements Part {
    }

    /** {@code %%name args} followed by a body. */
    record CellMagic(String name, String args, String body, int offset) implements Part {
    }

    /** {@code ?name} or {@code name?}. */
    record Help(String target, int offset) implements Part {
    }

    static List<Part> parse(String cell) {
        var parts = new ArrayList<Part>();
        String trimmed = cell.strip();
        var help = HELP_BEFORE.matcher(trimmed);
        var helpAfter = HELP_AFTER.matcher(trimmed);
        if (help.matches()) {
            parts.add(new Help(help.group(1), cell.indexOf(trimmed)));
            return parts;
        }
        if (helpAfter.matches()) {
            parts.add(new Help(helpAfter.group(1), cell.indexOf(trimmed)));
            return parts;
        }
        int firstNonBlank = 0;
        while (firstNonBlank < cell.length() && Character.isWhitespace(cell.charAt(firstNonBlank))) {
            firstNonBlank++;
        }
        if (cell.startsWith("%%", firstNonBlank)) {
            int eol = cell.indexOf('\n', firstNonBlank);
            String line = eol < 0 ? cell.substring(firstNonBlank + 2) : cell.substring(firstNonBlank + 2, eol);
            String body = eol < 0 ? "" : cell.substring(eol + 1);
            String[] nameArgs = splitNameArgs(line);
            parts.add(new CellMagic(nameArgs[0], nameArgs[1], body, firstNonBlank));
            return parts;
        }
        int javaStart = 0;
        int lineStart = 0;
        while (lineStart <= cell.length()) {
            int eol = cell.indexOf('\n', lineStart);
            int lineEnd = eol < 0 ? cell.length() : eol;
            String line = cell.substring(lineStart, lineEnd);
            String stripped = line.stripLeading();
            if (stripped.startsWith("%") && !stripped.startsWith("%%")) {
                addJava(parts, cell, javaStart, lineStart);
                String[] nameArgs = splitNameArgs(stripped.substring(1));
                parts.add(new LineMagic(nameArgs[0], nameArgs[1], lineStart + (line.length() - stripped.length())));
                javaStart = eol < 0 ? cell.length() : eol + 1;
            }
            if (eol < 0) {
                break;
            }
            lineStart = eol + 1;
        }
        addJava(parts, cell, javaStart, cell.length());
        return parts;
    }

    private static void addJava(List<Part> parts, String cell, int from, int to) {
        if (from < to && !cell.substring(from, to).isBlank()) {
            parts.add(new Java(cell.substring(from, to), from));
        }
    }

    private static String[] splitNameArgs(String line) {
        String s = line.strip();
        int space = 0;
        while (space < s.length() && !Character.isWhitespace(s.charAt(space))) {
            space++;
        }
        return new String[] {s.substring(0, space), s.substring(space).strip()};
    }

    /** 1-based line of {@code offset} in {@code text}. */
    static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
