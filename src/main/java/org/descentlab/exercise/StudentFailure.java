package org.descentlab.exercise;

/** Student code failed in a way that ends the run of a test case; the message is for the student. */
final class StudentFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final Diagnosis diagnosis;

    StudentFailure(Diagnosis diagnosis, String message) {
        super(message, null, false, false);
        this.diagnosis = diagnosis;
    }

    Diagnosis diagnosis() {
        return diagnosis;
    }
}
