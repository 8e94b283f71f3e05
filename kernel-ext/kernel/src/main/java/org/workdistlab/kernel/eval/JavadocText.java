package org.workdistlab.kernel.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw javadoc JShell returns (HTML and inline tags) into readable plain text for a pager or tooltip.
 * Deliberately small: the JDK's own formatter ({@code jdk.internal.shellsupport.doc}) is not exported.
 */
final class JavadocText {

    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    private JavadocText() {
    }

    static String format(String raw) {
        String s = raw.replace("\r", "");
        // A leading space per line is the residue of "* " comment prefixes.
        s = s.replaceAll("(?m)^ ", "");
        Matcher m = INLINE.matcher(s);
        var sb = new StringBuilder();
        while (m.find()) {
            String body = m.group(2).strip();
            if (m.group(1).startsWith("link")) {
                int space = body.indexOf(' ');
                body = space > 0 ? body.substring(space + 1).strip() : body.replace('#', '.');
                if (body.startsWith(".")) {
                    body = body.substring(1);
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(body));
        }
        m.appendTail(sb);
        s = sb.toString();
        s = s.replaceAll("(?i)<p>|</p>", "\n");
        s = s.replaceAll("(?i)<br\\s*/?>", "\n");
        s = s.replaceAll("(?i)<li>", "\n  - ");
        s = s.replaceAll("(?i)</?(ul|ol)>", "\n");
        s = TAG.matcher(s).replaceAll("");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&quot;", "\"")
                .replace("&amp;", "&");
        s = s.replaceAll("(?m)^@param\\s+(\\S+)", "Parameter $1:");
        s = s.replaceAll("(?m)^@return", "Returns:");
        s = s.replaceAll("(?m)^@throws\\s+(\\S+)", "Throws $1:");
        s = s.replaceAll("(?m)^@apiNote", "API note:");
        s = s.replaceAll("(?m)^@implNote", "Implementation note:");
        s = s.replaceAll("(?m)^@implSpec", "Implementation requirements:");
        s = s.replaceAll("[ \\t]+\\n", "\n");
        s = s.replaceAll("\\n{3,}", "\n\n");
        return s.strip();
    }
}
