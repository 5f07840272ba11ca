package org.descentlab.exercise;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * The outcome of checking a student's implementation. Its {@link #toString()} is the message, so a
 * notebook cell that ends with the result shows it.
 */
public final class CheckResult {

    private final String exerciseId;
    private final boolean passed;
    private final Diagnosis diagnosis;
    private final Divergence divergence;
    private final String message;
    private final BufferedImage image;

    CheckResult(String exerciseId, boolean passed, Diagnosis diagnosis, Divergence divergence, String message,
            BufferedImage image) {
        this.exerciseId = exerciseId;
        this.passed = passed;
        this.diagnosis = diagnosis;
        this.divergence = divergence;
        this.message = message;
        this.image = image;
    }

    /** The exercise checked. */
    public String exerciseId() {
        return exerciseId;
    }

    /** Whether every test case agreed with the reference. */
    public boolean passed() {
        return passed;
    }

    /** {@link Diagnosis#PASSED}, or what went wrong. */
    public Diagnosis diagnosis() {
        return diagnosis;
    }

    /** The diagnosis id, e.g. {@code wrong-sign}. */
    public String diagnosisId() {
        return diagnosis.id();
    }

    /** The first difference from the reference, if the check got that far. */
    public Optional<Divergence> firstDivergence() {
        return Optional.ofNullable(divergence);
    }

    /** The multi-line, markdown-friendly message. */
    public String message() {
        return message;
    }

    /** A figure of your values against the reference's, or null if there is none. */
    public BufferedImage image() {
        return image;
    }

    /**
     * Returns normally if the check passed, else throws {@link CheckFailedException} naming the diagnosis.
     * A check cell ends with it so that a failed check is an error in the notebook, which is how nbgrader
     * (autograde, validate) tells a failed test cell from a passed one.
     */
    public void requirePassed() {
        if (!passed) {
            throw new CheckFailedException(exerciseId + ": NOT YET — " + diagnosis.title() + " [" + diagnosis.id()
                    + "] (the check's message above explains it)");
        }
    }

    /** This result with "hidden cases" in its heading, whose start is {@code heading}, e.g. {@code adam (Adam)}. */
    CheckResult onHiddenCases(String heading) {
        String marked = message.replaceFirst(java.util.regex.Pattern.quote("**" + heading + ":"),
                java.util.regex.Matcher.quoteReplacement(
                        "**" + heading.substring(0, heading.length() - 1) + "; hidden cases):"));
        return new CheckResult(exerciseId, passed, diagnosis, divergence, marked, image);
    }

    @Override
    public String toString() {
        return message;
    }
}
