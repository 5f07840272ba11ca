package org.descentlab.data;

/**
 * A data file that cannot be used: missing, truncated, corrupt (checksum mismatch), or with the wrong
 * header. The message names the file, says what is wrong with it, and ends with the command that fixes
 * it, so that a notebook error is enough to recover.
 */
public class MnistDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MnistDataException(String message) {
        super(message);
    }

    public MnistDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
