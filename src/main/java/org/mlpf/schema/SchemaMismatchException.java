package org.mlpf.schema;

/** A dataset's schema differs from the expected format; the message names the file and the columns. */
public class SchemaMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaMismatchException(String message) {
        super(message);
    }
}
