package org.workdistlab.kernel.install;

/** Bad arguments or an unusable location; the message is one line that says what to do. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
