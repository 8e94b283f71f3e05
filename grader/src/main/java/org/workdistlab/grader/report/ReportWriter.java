package org.workdistlab.grader.report;

import java.io.IOException;
import java.io.Writer;
import org.workdistlab.grader.GradeReport;

/** Serialises a {@link GradeReport} in one format. Writers are stateless. */
public interface ReportWriter {

    void write(GradeReport report, Writer out) throws IOException;

    /** The file name used when {@code --out} names a folder. */
    String defaultFileName();
}
