package org.descentlab.exercise;

/** Thrown by {@link CheckResult#requirePassed()} when a check did not pass; its message names the diagnosis. */
public final class CheckFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailedException(String message) {
        super(message, null, false, false);   // no stack trace: the notebook shows the message, not our frames
    }
}
