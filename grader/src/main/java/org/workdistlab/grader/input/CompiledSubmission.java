package org.workdistlab.grader.input;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of compiling a submission.
 *
 * @param classesDir where the class files are
 * @param errors     compile errors as {@code file:line: message} (the learner's file or notebook cell); empty on success
 */
public record CompiledSubmission(Path classesDir, List<String> errors) {
    public CompiledSubmission {
        errors = List.copyOf(errors);
    }
}
