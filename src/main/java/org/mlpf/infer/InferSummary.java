package org.mlpf.infer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an inference run did and where its time went, for the command's output, the log and {@code bench infer}.
 *
 * @param out             the candidates dataset written
 * @param samples         samples written (one committed directory each)
 * @param events          events written (one row each)
 * @param rows            tensor rows predicted (events plus the extra chunks of large events)
 * @param candidates      candidates written
 * @param calls           model calls
 * @param emptyRows       empty rows padding partly filled calls
 * @param batch           rows per model call
 * @param slots           task slots of the session (its default parallelism)
 * @param seconds         wall time of the whole run: checks, read, tensorize, predict, write
 * @param modelSeconds    time inside model calls, summed over tasks
 * @param modelCpuSeconds CPU time of the task threads inside model calls, summed over tasks
 * @param taskSeconds     wall time of the predicting tasks, summed over tasks
 * @param inputSeconds    of which getting the rows: read, tensorize on the fly, Arrow conversion, grouping into calls
 * @param outputSeconds   of which turning predictions into candidate rows
 */
public record InferSummary(String out, List<String> samples, long events, long rows, long candidates, long calls,
                           long emptyRows, int batch, int slots, double seconds,
                           double modelSeconds, double modelCpuSeconds, double taskSeconds, double inputSeconds,
                           double outputSeconds) {
    /** Events per second, end to end. */
    public double eventsPerSecond() {
        return events / Math.max(seconds, 1e-9);
    }

    /** Wall milliseconds per event, end to end (the inverse of the throughput). */
    public double msPerEvent() {
        return 1000 * seconds / Math.max(events, 1);
    }

    /**
     * Share of the run's slot time spent outside model calls: 1 - model time / (wall time x slots). Counts everything
     * that is not the model: reading, tensorizing, Arrow conversion, batching, candidate building, the merge of
     * chunks, writing, Spark's scheduling, and slots left idle.
     */
    public double outsideModelShare() {
        return 1 - modelSeconds / Math.max(seconds * slots, 1e-9);
    }

    /** Share of the predicting tasks' own time spent outside model calls. */
    public double outsideModelShareInTasks() {
        return 1 - modelSeconds / Math.max(taskSeconds, 1e-9);
    }

    /** Lines for the command's output. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        l.add(String.format(Locale.ROOT, "%d events (%d tensor rows) -> %d candidates in %d samples", events, rows,
                candidates, samples.size()));
        l.add(String.format(Locale.ROOT, "%.1f s end to end (%.2f events/s, %.1f ms/event), %d task slot(s)", seconds,
                eventsPerSecond(), msPerEvent(), slots));
        l.add(String.format(Locale.ROOT, "model calls: %d of batch %d (%d empty rows); in tasks %.1f s: model %.1f s "
                + "(CPU %.1f s), input %.1f s, candidates %.1f s, rest %.1f s", calls, batch, emptyRows, taskSeconds,
                modelSeconds, modelCpuSeconds, inputSeconds, outputSeconds,
                taskSeconds - modelSeconds - inputSeconds - outputSeconds));
        l.add(String.format(Locale.ROOT, "time outside the model: %.1f%% of the slot time, %.1f%% of the task time",
                100 * outsideModelShare(), 100 * outsideModelShareInTasks()));
        l.add("candidates written to " + out + " (" + String.join(", ", samples) + ")");
        return l;
    }
}
