package org.descentlab.exercise;

import java.util.List;

/**
 * A course exercise: what to implement (task and formula, with the lecture and slides it comes from), the
 * reference implementation from the library, the cells a notebook shows, and {@link #check}, which
 * runs the student's implementation against the reference and explains the first difference.
 *
 * @param <S> the interface the student implements
 */
public abstract class Exercise<S> {

    private final String id;
    private final String title;
    private final String slides;
    private final String task;
    private final String formula;
    private final Class<S> type;

    protected Exercise(String id, String title, String slides, String task, String formula, Class<S> type) {
        this.id = id;
        this.title = title;
        this.slides = slides;
        this.task = task;
        this.formula = formula;
        this.type = type;
    }

    /** A stable id such as {@code heavy-ball}. */
    public String id() {
        return id;
    }

    /** A short title. */
    public String title() {
        return title;
    }

    /** The lecture and slides the exercise comes from, e.g. {@code CSC413 L4, slide "Recap"}. */
    public String slides() {
        return slides;
    }

    /** What to do, as markdown. */
    public String task() {
        return task;
    }

    /** The formula to implement, as plain-text lines (also valid inside a markdown code block). */
    public String formula() {
        return formula;
    }

    /** The interface the student implements. */
    public Class<S> studentType() {
        return type;
    }

    /** The reference implementation, backed by the library (what the check compares against). */
    public abstract S reference();

    /** The notebook cell the student edits: the skeleton throwing {@code UnsupportedOperationException}. */
    public abstract String skeletonCell();

    /** The notebook cell that checks the student's implementation (variable {@code mine}). */
    public String checkCell() {
        return "var result = Exercises.get(\"" + id + "\").checkAny(mine);\n"
                + "if (result.image() != null) display(result.image());\n"
                + "result";
    }

    /** The mistakes this exercise recognises. */
    public abstract List<Diagnosis> diagnosable();

    /**
     * Checks the student's implementation. Never throws: whatever the student's code does (null,
     * not implemented, exceptions, NaN, wrong lengths) ends up in the result's message.
     */
    public final CheckResult check(S student) {
        if (student == null) {
            return fail(Diagnosis.NULL_IMPLEMENTATION, null,
                    "The check received null instead of your implementation.\n"
                            + "Run the cell that defines `mine` first, then pass it: check(mine).", null);
        }
        try {
            return checkNonNull(student);
        } catch (RuntimeException | Error e) {
            // a failure of the checker itself: still a message, never an uncaught exception in the notebook
            return fail(Diagnosis.EXCEPTION, null,
                    "The checker could not finish: " + e.getClass().getName() + ": " + e.getMessage()
                            + "\nThis is probably not your fault; please report it with your code.", null);
        }
    }

    /**
     * Checks an implementation of unknown type (what a notebook gets from {@link Exercises#get}). A
     * {@code Supplier} of the expected type is called first, so that a cell may compute its answer lazily.
     */
    public final CheckResult checkAny(Object student) {
        if (student == null) {
            return check(null);
        }
        if (!type.isInstance(student) && student instanceof java.util.function.Supplier<?> supplier) {
            // an answer computed by the student's code when checked (exercise 8's skeleton): a skeleton that
            // still throws reads as "not yet implemented", not as an error in the notebook
            Object answer;
            try {
                answer = Guard.run("while computing your answer", supplier::get);
            } catch (StudentFailure f) {
                return fail(f.diagnosis(), null, f.getMessage(), null);
            }
            return answer instanceof java.util.function.Supplier<?> ? checkAny(null) : checkAny(answer);
        }
        if (!type.isInstance(student)) {
            return fail(Diagnosis.WRONG_TYPE, null,
                    "Exercise " + id + " expects a " + type.getSimpleName() + " but got a "
                            + student.getClass().getName() + ".\nDefine it as `" + type.getSimpleName()
                            + " mine = ...`.", null);
        }
        return check(type.cast(student));
    }

    /** The check proper, for a non-null implementation. */
    protected abstract CheckResult checkNonNull(S student);

    /** A failed result with a heading. */
    protected CheckResult fail(Diagnosis d, Divergence div, String body, java.awt.image.BufferedImage image) {
        String heading = "**" + id + " (" + title + "): NOT YET — " + d.title() + "** [" + d.id() + "]";
        return new CheckResult(id, false, d, div, heading + "\n\n" + body, image);
    }

    /** A passed result with a heading. */
    protected CheckResult pass(String body, java.awt.image.BufferedImage image) {
        String heading = "**" + id + " (" + title + "): PASSED**";
        return new CheckResult(id, true, Diagnosis.PASSED, null, heading + "\n\n" + body, image);
    }

    /** The exercise as markdown: title, slides, task, formula. */
    public String describe() {
        return "### " + title + " (`" + id + "`)\n\nSlides: " + slides + "\n\n" + task + "\n\n```\n" + formula + "\n```";
    }

    @Override
    public String toString() {
        return describe();
    }
}
