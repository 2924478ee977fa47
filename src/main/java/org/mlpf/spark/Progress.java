package org.mlpf.spark;

import java.io.Serializable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long loop inside a task: logs events done / total and the rate at most every
 * {@link #INTERVAL_NANOS}, and once at the end. One instance per partition; allocation-free per event.
 */
public final class Progress implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    /** Log at most every 10 s. */
    static final long INTERVAL_NANOS = 10_000_000_000L;

    private final String what;
    private final long total;
    private long done;
    private long start;
    private long lastLog;

    /** Progress of {@code total} events of {@code what} (e.g. "generate ttbar, partition 3"). */
    public Progress(String what, long total) {
        this.what = what;
        this.total = total;
    }

    /** Counts one event done. */
    public void step() {
        long now = System.nanoTime();
        if (done == 0) {
            start = now;
            lastLog = now;
        }
        done++;
        if (done == total || now - lastLog >= INTERVAL_NANOS) {
            lastLog = now;
            double s = Math.max((now - start) / 1e9, 1e-9);
            LOG.info("{}: {}/{} events ({} events/s)", what, done, total, String.format("%.1f", done / s));
        }
    }
}
