package org.descentlab.exercise;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * The outcome of checking a student's implementation. Its {@link #toString()} is the message, so a
 * notebook cell that ends with the result shows it.
 *
 * @param exerciseId the exercise checked
 * @param passed whether every test case agreed with the reference
 * @param diagnosis {@link Diagnosis#PASSED}, or what went wrong
 * @param firstDivergence the first difference from the reference, if the check got that far
 * @param message the multi-line, markdown-friendly message
 * @param image a figure of your values against the reference's, or null if there is none
 */
public record CheckResult(String exerciseId, boolean passed, Diagnosis diagnosis,
        Optional<Divergence> firstDivergence, String message, BufferedImage image) {

    /** The diagnosis id, e.g. {@code wrong-sign}. */
    public String diagnosisId() {
        return diagnosis.id();
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
        return new CheckResult(exerciseId, passed, diagnosis, firstDivergence, marked, image);
    }

    @Override
    public String toString() {
        return message;
    }
}
