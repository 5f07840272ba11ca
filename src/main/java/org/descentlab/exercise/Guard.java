package org.descentlab.exercise;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs student code and turns whatever it throws into a {@link StudentFailure} whose message shows
 * the exception and only the student's own stack frames (not the checker's nor the kernel's).
 */
final class Guard {

    /** At most this many of the student's frames are shown. */
    static final int MAX_FRAMES = 8;

    private Guard() {}

    /** Student code that may throw anything. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    /**
     * Calls {@code call}; {@code where} says in which case and step, for the message. The student's
     * code must be invoked directly from the lambda passed here (one checker frame above this one).
     */
    static <T> T run(String where, Call<T> call) throws StudentFailure {
        int depth = new Throwable().getStackTrace().length;
        try {
            return call.call();
        } catch (StudentFailure f) {
            throw f;
        } catch (Throwable e) {
            throw describe(where, e, depth);
        }
    }

    static StudentFailure describe(String where, Throwable e, int guardDepth) {
        if (e instanceof UnsupportedOperationException) {
            String m = e.getMessage() == null ? "" : " (\"" + e.getMessage() + "\")";
            return new StudentFailure(Diagnosis.NOT_IMPLEMENTED,
                    "Not yet implemented: your code threw UnsupportedOperationException" + m + " " + where
                            + ".\nReplace the line `throw new UnsupportedOperationException(...)` with your code,"
                            + " run that cell, then run this check again.");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Your code threw ").append(e.getClass().getName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        sb.append("\n").append(where).append(".");
        List<StackTraceElement> frames = studentFrames(e, guardDepth);
        if (!frames.isEmpty()) {
            sb.append("\nWhere, innermost first:");
            for (StackTraceElement f : frames) {
                sb.append("\n    at ").append(f);
            }
        }
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            sb.append("\nCaused by ").append(cause.getClass().getName());
            if (cause.getMessage() != null) {
                sb.append(": ").append(cause.getMessage());
            }
        }
        sb.append(hint(e));
        return new StudentFailure(Diagnosis.EXCEPTION, sb.toString());
    }

    private static String hint(Throwable e) {
        if (e instanceof ArrayIndexOutOfBoundsException) {
            return "\nHint: loop over i < w.length, and create buffers with s.buffer(name) (they have w's length).";
        }
        if (e instanceof NullPointerException) {
            return "\nHint: every array you read must be created first; s.buffer(name) creates zeros on first use.";
        }
        if (e instanceof StackOverflowError) {
            return "\nHint: your method calls itself without end.";
        }
        return "";
    }

    /**
     * The frames above the guard, minus the checker's lambda right above it, and without JDK frames
     * except the innermost one (where the exception was raised).
     */
    static List<StackTraceElement> studentFrames(Throwable e, int guardDepth) {
        StackTraceElement[] trace = e.getStackTrace();
        int above = trace.length - guardDepth; // frames above Guard.run
        List<StackTraceElement> out = new ArrayList<>();
        if (above <= 0 || guardDepth <= 0) {
            // not raised below the guard as expected: show the innermost frames that are not the checker's
            for (StackTraceElement f : trace) {
                if (f.getClassName().startsWith("org.descentlab.exercise.Guard")) {
                    break;
                }
                if (!isJdk(f) || out.isEmpty()) {
                    out.add(f);
                }
                if (out.size() >= MAX_FRAMES) {
                    break;
                }
            }
            return out;
        }
        int end = above; // drop the checker's frames (lambdas, adapters) right above the guard
        while (end > 1 && isChecker(trace[end - 1])) {
            end--;
        }
        for (int i = 0; i < end && out.size() < MAX_FRAMES; i++) {
            StackTraceElement f = trace[i];
            if (!isJdk(f) || i == 0) {
                out.add(f);
            }
        }
        return out;
    }

    /** A frame of this package's checking code (not a student's class, whatever its package). */
    static boolean isChecker(StackTraceElement f) {
        String c = f.getClassName();
        if (!c.startsWith("org.descentlab.exercise.")) {
            return false;
        }
        String simple = c.substring("org.descentlab.exercise.".length());
        int dollar = simple.indexOf('$');
        String top = dollar < 0 ? simple : simple.substring(0, dollar);
        return top.endsWith("Exercise") || top.equals("Guard") || top.equals("LibraryReferences");
    }

    private static boolean isJdk(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("javax.");
    }
}
