package org.workdistlab.grader.report;

import java.util.Locale;
import java.util.function.Supplier;

/** The output formats of {@code grade --format}. */
public enum ReportFormat {
    /** Readable text: score per check, a hint for each lost point, total. */
    SUMMARY(SummaryWriter::new),
    /** JSON, schema in {@code grader/README.md} and {@code grade-report.schema.json}. */
    JSON(JsonReportWriter::new),
    /** JUnit XML (the Ant/Surefire dialect CI servers read). */
    JUNIT(JunitXmlReportWriter::new),
    /** GitHub Classroom's autograding runner result (base64 it into the runner's {@code result} output). */
    CLASSROOM(ClassroomReportWriter::new),
    /** Gradescope's {@code results.json}. */
    GRADESCOPE(GradescopeReportWriter::new);

    private final Supplier<ReportWriter> writer;

    ReportFormat(Supplier<ReportWriter> writer) {
        this.writer = writer;
    }

    public ReportWriter writer() {
        return writer.get();
    }

    /** The name users type, e.g. {@code gradescope}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
