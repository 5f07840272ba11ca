package org.descentlab.notebook;

/**
 * Where live output goes: a notebook output that can be replaced in place. In the JJava kernel this
 * is the kernel's {@code display} and {@code updateDisplay} ({@link DescentExtension}); tests use a
 * recording implementation.
 */
public interface NotebookDisplay {

    /** Shows {@code value} (rendered as a returned value would be) and returns the output's id. */
    String show(Object value);

    /** Replaces the output {@code id} with {@code value}. */
    void update(String id, Object value);
}
