package org.descentlab.exercise;

/**
 * A known-wrong variant of the reference: if the student's values match it, the diagnosis is named.
 *
 * @param diagnosis what the mistake is
 * @param detail a sentence about this particular variant (may be empty)
 * @param variant the wrong implementation
 * @param <S> the student interface
 */
public record Mistake<S>(Diagnosis diagnosis, String detail, S variant) {
}
