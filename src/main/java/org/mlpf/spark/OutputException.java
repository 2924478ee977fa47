package org.mlpf.spark;

/**
 * An output could not be written (no space, a parent that is a file, no permission); nothing of it was committed.
 * The message names the output in one line.
 */
public class OutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
