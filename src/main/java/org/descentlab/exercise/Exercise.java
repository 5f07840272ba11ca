package org.descentlab.exercise;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A course exercise: what to implement (task and formula, with the lecture and slides it comes from), the
 * reference implementation from the library, the cells a notebook shows, and {@link #check}, which
 * runs the student's implementation against the reference and explains the first difference.
 *
 * @param <S> the interface the student implements
 */
public abstract class Exercise<S> {

    /**
     * What the student reads: the exercise's id, title, source slides, task and formula.
     *
     * @param id a stable id such as {@code heavy-ball}
     * @param title a short title
     * @param slides the lecture and slides the exercise comes from, e.g. {@code CSC413 L4, slide "Recap"}
     * @param task what to do, as markdown
     * @param formula the formula to implement, as plain-text lines (also valid inside a markdown code block)
     */
    public record Statement(String id, String title, String slides, String task, String formula) {

        /** The statement as markdown: title, slides, task, formula. */
        public String markdown() {
            return "### " + title + " (`" + id + "`)\n\nSlides: " + slides + "\n\n" + task + "\n\n```\n" + formula
                    + "\n```";
        }
    }

    private final Statement statement;
    private final Class<S> type;

    /** An exercise of {@code type} stated by the five texts of a {@link Statement}. */
    protected Exercise(String id, String title, String slides, String task, String formula, Class<S> type) {
        this(new Statement(id, title, slides, task, formula), type);
    }

    /** An exercise whose student implements {@code type}. */
    protected Exercise(Statement statement, Class<S> type) {
        this.statement = statement;
        this.type = type;
    }

    /** What the student reads. */
    public Statement statement() {
        return statement;
    }

    /** A stable id such as {@code heavy-ball}. */
    public String id() {
        return statement.id();
    }

    /** A short title. */
    public String title() {
        return statement.title();
    }

    /** The lecture and slides the exercise comes from, e.g. {@code CSC413 L4, slide "Recap"}. */
    public String slides() {
        return statement.slides();
    }

    /** What to do, as markdown. */
    public String task() {
        return statement.task();
    }

    /** The formula to implement, as plain-text lines (also valid inside a markdown code block). */
    public String formula() {
        return statement.formula();
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
        return checkCell("Exercises.get(\"" + id() + "\")");
    }

    /**
     * The check cell for an exercise reached by {@code accessor}: shows the result (its figure inside), then
     * {@link CheckResult#requirePassed()}, whose error is what nbgrader's autograde scores as no points.
     */
    static String checkCell(String accessor) {
        return "var result = " + accessor + ".checkAny(mine);\n"
                + "display(result);   // the diagnosis, with its figure\n"
                + "result.requirePassed();   // graded: an error here means no points for this cell";
    }

    /** The mistakes this exercise recognises. */
    public abstract List<Diagnosis> diagnosable();

    /**
     * Checks the student's implementation on the visible cases. Never throws: whatever the student's code
     * does (null, not implemented, exceptions, NaN, wrong lengths) ends up in the result's message.
     */
    public final CheckResult check(S student) {
        return checkAny(student);
    }

    /**
     * Checks the student's implementation on the hidden cases drawn from {@code seed}: the visible cases'
     * kinds with other data and settings, so that code tuned to the visible cases fails. The seed sits in
     * the notebook's hidden test cell, which the student's copy does not contain.
     */
    public final CheckResult checkHidden(S student, long seed) {
        return checkAnyHidden(student, seed);
    }

    private CheckResult check(S student, OptionalLong hidden) {
        if (student == null) {
            return fail(Diagnosis.NULL_IMPLEMENTATION, null,
                    "The check received null instead of your implementation.\n"
                            + "Run the cell that defines `mine` first, then pass it: check(mine).", null);
        }
        CheckResult r;
        try {
            r = checkNonNull(student, hidden);
        } catch (java.util.concurrent.CancellationException e) {
            throw e;   // the notebook's stop button (util.Interruption): the cell stops, no result
        } catch (RuntimeException | Error e) {
            // a failure of the checker itself: still a message, never an uncaught exception in the notebook
            r = fail(Diagnosis.EXCEPTION, null,
                    "The checker could not finish: " + e.getClass().getName() + ": " + e.getMessage()
                            + "\nThis is probably not your fault; please report it with your code.", null);
        }
        return hidden.isPresent() ? r.onHiddenCases(heading()) : r;
    }

    /**
     * Checks an implementation of unknown type (what a notebook gets from {@link Exercises#get}). A
     * {@code Supplier} of the expected type is called first, so that a cell may compute its answer lazily.
     */
    public final CheckResult checkAny(Object student) {
        return checkAny(student, OptionalLong.empty());
    }

    /** {@link #checkAny} on the hidden cases drawn from {@code seed} (see {@link #checkHidden}). */
    public final CheckResult checkAnyHidden(Object student, long seed) {
        return checkAny(student, OptionalLong.of(seed));
    }

    private CheckResult checkAny(Object student, OptionalLong hidden) {
        if (student == null) {
            return check(null, hidden);
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
            return answer instanceof java.util.function.Supplier<?> ? checkAny(null, hidden) : checkAny(answer, hidden);
        }
        if (!type.isInstance(student)) {
            return fail(Diagnosis.WRONG_TYPE, null,
                    "Exercise " + id() + " expects a " + type.getSimpleName() + " but got a "
                            + student.getClass().getName() + ".\nDefine it as `" + type.getSimpleName()
                            + " mine = ...`.", null);
        }
        return check(type.cast(student), hidden);
    }

    /** The check proper, for a non-null implementation: the visible cases, or the hidden ones from the seed. */
    protected abstract CheckResult checkNonNull(S student, OptionalLong hiddenSeed);

    /** A failed result with a heading. */
    protected CheckResult fail(Diagnosis d, Divergence div, String body, java.awt.image.BufferedImage image) {
        String heading = "**" + heading() + ": NOT YET — " + d.title() + "** [" + d.id() + "]";
        return new CheckResult(id(), false, d, Optional.ofNullable(div), heading + "\n\n" + body, image);
    }

    /** A passed result with a heading. */
    protected CheckResult pass(String body, java.awt.image.BufferedImage image) {
        String heading = "**" + heading() + ": PASSED**";
        return new CheckResult(id(), true, Diagnosis.PASSED, Optional.empty(), heading + "\n\n" + body, image);
    }

    /** The start of a result's heading, e.g. {@code adam (Adam with bias correction)}. */
    private String heading() {
        return id() + " (" + title() + ")";
    }

    /** The exercise as markdown: title, slides, task, formula. */
    public String describe() {
        return statement.markdown();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * A skeleton cell defining the student's lambda: {@code declaration -> {}, one comment line per hint,
     * and a body that throws "TODO: your code here".
     */
    static String lambdaSkeleton(String declaration, String... hints) {
        StringBuilder sb = new StringBuilder(declaration).append(" -> {\n");
        for (String hint : hints) {
            sb.append("    // ").append(hint).append('\n');
        }
        return sb.append("    throw new UnsupportedOperationException(\"TODO: your code here\");\n};").toString();
    }
}
