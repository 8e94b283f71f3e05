package org.workdistlab.renderers;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.display.Renderer;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * A Tablesaw {@link Table} as {@code text/html} (tablesaw-html's writer, text escaped) and {@code text/plain}
 * (Tablesaw's aligned {@code print}). A table with more than {@value #MAX_ROWS} rows shows its first and last
 * {@value #EDGE_ROWS} rows and says how many it left out, so a million-row table does not put megabytes into
 * the notebook.
 */
public final class TablesawRenderer implements Renderer {

    static final int MAX_ROWS = 60;
    static final int EDGE_ROWS = 20;

    @Override
    public boolean accepts(Object value) {
        return ClassNames.isA(value, "tech.tablesaw.api.Table");
    }

    @Override
    public MimeBundle render(Object value) {
        var table = (Table) value;
        int rows = table.rowCount();
        Table shown = table;
        String note = "";
        if (rows > MAX_ROWS) {
            shown = table.first(EDGE_ROWS).append(table.last(EDGE_ROWS));
            shown.setName(table.name());
            note = "Showing the first " + EDGE_ROWS + " and last " + EDGE_ROWS + " of " + rows + " rows ("
                    + (rows - 2 * EDGE_ROWS) + " rows in between left out).";
        }
        var html = new StringWriter();
        try {
            new HtmlWriter().write(shown, HtmlWriteOptions.builder(html).escapeText(true).build());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the table as HTML", e);
        }
        String caption = escape(table.name() == null ? "" : table.name()) + " (" + rows + " rows, "
                + table.columnCount() + " columns)";
        var htmlText = "<div><p><b>" + caption + "</b></p>" + html
                + (note.isEmpty() ? "" : "<p><em>" + escape(note) + "</em></p>") + "</div>";
        String text = rows > MAX_ROWS ? table.print(2 * EDGE_ROWS) + "\n" + note : table.print(MAX_ROWS);
        return MimeBundle.html(htmlText, text);
    }

    @Override
    public int priority() {
        return 10;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
