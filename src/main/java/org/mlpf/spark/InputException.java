package org.mlpf.spark;

/** Input data is missing, empty, corrupt or unreadable; the message names the path or file in one line. */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
