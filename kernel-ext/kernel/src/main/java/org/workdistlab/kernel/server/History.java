package org.workdistlab.kernel.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The inputs (and plain-text results) of this kernel session, in memory, answering the three
 * {@code history_request} access types the way IPython's history manager does.
 *
 * <p>Entries are {@code [session, line, input]} or, with output, {@code [session, line, [input, output]]} where
 * output is the {@code text/plain} of the execute_result or {@code null}. The session number is
 * {@link #SESSION}; session {@code 0} and negative numbers mean "this session", as in IPython.
 *
 * <p>Thread-safe: the shell thread writes and reads, but a slow reader must never see a half-added entry.
 */
final class History {

    /** This kernel's session number (history does not outlive the process). */
    static final int SESSION = 1;

    private record Entry(int line, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    /** The last {@code n} entries (all when {@code n} is null). */
    synchronized List<List<Object>> tail(Integer n, boolean output) {
        int from = n == null ? 0 : Math.max(0, entries.size() - n);
        return rows(entries.subList(from, entries.size()), output);
    }

    /** Lines {@code start <= line < stop} of {@code session}; {@code stop} null means to the end. */
    synchronized List<List<Object>> range(Integer session, Integer start, Integer stop, boolean output) {
        if (session != null && session > 0 && session != SESSION) {
            return List.of();
        }
        int lo = start == null ? 0 : start;
        int hi = stop == null || stop <= 0 ? Integer.MAX_VALUE : stop;
        return rows(entries.stream().filter(e -> e.line() >= lo && e.line() < hi).toList(), output);
    }

    /**
     * Inputs matching the glob {@code pattern} ({@code *} any run, {@code ?} one character, whole input), oldest
     * first; with {@code unique}, each input once (its latest line); with {@code n}, the last {@code n} matches.
     */
    synchronized List<List<Object>> search(String pattern, boolean unique, Integer n, boolean output) {
        Pattern glob = globToRegex(pattern == null ? "*" : pattern);
        var matches = entries.stream().filter(e -> glob.matcher(e.input()).matches()).toList();
        if (unique) {
            var latest = new LinkedHashMap<String, Entry>();
            for (Entry e : matches) {
                latest.remove(e.input());
                latest.put(e.input(), e);
            }
            matches = List.copyOf(latest.values());
        }
        if (n != null && n >= 0 && matches.size() > n) {
            matches = matches.subList(matches.size() - n, matches.size());
        }
        return rows(matches, output);
    }

    private static List<List<Object>> rows(List<Entry> entries, boolean output) {
        var rows = new ArrayList<List<Object>>(entries.size());
        for (Entry e : entries) {
            Object input = output ? Arrays.asList(e.input(), e.output()) : e.input();
            rows.add(Arrays.asList(SESSION, e.line(), input));
        }
        return rows;
    }

    static Pattern globToRegex(String glob) {
        var re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
