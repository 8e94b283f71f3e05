package org.workdistlab.grader.api;

/** The submission cannot be used for a check: missing, ambiguous or unconstructible implementation. */
public final class SubmissionException extends RuntimeException {
    public SubmissionException(String message) {
        super(message);
    }

    public SubmissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
