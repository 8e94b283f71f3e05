package org.workdistlab.grader.input;

/** The submission could not be read: the message is one line naming the problem and what to do. */
public final class SubmissionInputException extends Exception {
    public SubmissionInputException(String message) {
        super(message);
    }
}
