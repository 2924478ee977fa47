package org.mlpf.cli;

/** Process exit codes of {@code mlpf}. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The data is invalid, missing or unreadable (validation failed, bad input file). */
    public static final int BAD_DATA = 1;
    /** Bad usage: unknown flag, bad configuration key or value. */
    public static final int USAGE = 2;
    /** An output could not be written (full disk, a parent that is a file, no permission); nothing was committed
     * (sysexits' EX_CANTCREAT). */
    public static final int CANNOT_WRITE = 73;
    /** Busy: another run holds the resource (the pipeline root's lock); try again later (sysexits' EX_TEMPFAIL). */
    public static final int BUSY = 75;
    /** An unexpected internal error (a bug): the stack trace goes to stderr. */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
