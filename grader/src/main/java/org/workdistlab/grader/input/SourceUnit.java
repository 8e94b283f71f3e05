package org.workdistlab.grader.input;

/**
 * One compilation unit of a submission.
 *
 * @param fileName   the name javac sees, e.g. {@code MyBatcher.java}
 * @param code       its source
 * @param origin     how to name it to the learner: a path, or {@code notebook.ipynb cell 3}
 * @param lineOffset lines added before the learner's first line (shared notebook imports), subtracted in errors
 */
public record SourceUnit(String fileName, String code, String origin, int lineOffset) {
}
