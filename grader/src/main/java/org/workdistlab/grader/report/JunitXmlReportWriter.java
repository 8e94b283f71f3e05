package org.workdistlab.grader.report;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.GradeReport;

/**
 * JUnit XML in the Ant/Surefire dialect: one {@code <testsuite>} per exercise, one {@code <testcase>} per check.
 * FAILED becomes {@code <failure>}, TIMED_OUT and ERROR become {@code <error>}, NOT_RUN {@code <skipped>}; the hint
 * and thread report go in the element's text; points are {@code <properties>}.
 */
public final class JunitXmlReportWriter implements ReportWriter {

    private final Clock clock;

    public JunitXmlReportWriter() {
        this(Clock.systemUTC());
    }

    /** For tests only: a fixed clock makes the timestamp reproducible. */
    JunitXmlReportWriter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void write(GradeReport r, Writer out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "wdl." + r.exerciseId());
            x.writeAttribute("tests", String.valueOf(r.checks().size()));
            x.writeAttribute("failures", String.valueOf(count(r, Outcome.FAILED)));
            x.writeAttribute("errors", String.valueOf(count(r, Outcome.ERROR) + count(r, Outcome.TIMED_OUT)));
            x.writeAttribute("skipped", String.valueOf(count(r, Outcome.NOT_RUN)));
            x.writeAttribute("time", seconds(r.elapsed().toMillis()));
            x.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                    Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            property(x, "score", String.valueOf(r.score()));
            property(x, "maxScore", String.valueOf(r.maxScore()));
            property(x, "status", r.status().name());
            for (var e : r.environment().entrySet()) {
                property(x, e.getKey(), String.valueOf(e.getValue()));
            }
            for (int i = 0; i < r.problems().size(); i++) {
                property(x, "problem." + (i + 1), r.problems().get(i));
            }
            x.writeEndElement();
            for (CheckResult c : r.checks()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "wdl." + r.exerciseId());
                x.writeAttribute("name", c.id() + " (" + c.points() + "/" + c.maxPoints() + " points)");
                x.writeAttribute("time", seconds(c.duration().toMillis()));
                String element = switch (c.outcome()) {
                    case PASSED -> null;
                    case FAILED -> "failure";
                    case NOT_RUN -> "skipped";
                    default -> "error";
                };
                if (element != null) {
                    x.writeStartElement(element);
                    x.writeAttribute("message", clean(c.message()));
                    x.writeAttribute("type", c.outcome().name());
                    String body = "hint: " + c.hint() + " (see " + c.section() + ")"
                            + c.diagnostics().map(d -> "\n" + d).orElse("");
                    x.writeCharacters(clean(body));
                    x.writeEndElement();
                } else if (!c.message().isEmpty()) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(clean(c.message()));
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            out.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    private static long count(GradeReport r, Outcome o) {
        return r.checks().stream().filter(c -> c.outcome() == o).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Drops characters XML 1.0 cannot carry (learner output may contain any byte). */
    static String clean(String s) {
        var sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    @Override
    public String defaultFileName() {
        return "TEST-wdl-grade.xml";
    }
}
