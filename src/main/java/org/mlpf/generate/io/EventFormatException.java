package org.mlpf.generate.io;

/** A generator-output file is malformed; the message names the file and the line. */
public class EventFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventFormatException(String message) {
        super(message);
    }
}
