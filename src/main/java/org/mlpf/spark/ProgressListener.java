package org.mlpf.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of every stage's Spark work, for the stages whose work is SQL rather than a per-event loop: tasks done of
 * total and input records (events, for the event datasets) with their rate, logged at most every
 * {@link Progress#INTERVAL_NANOS} while a Spark stage runs and once when a stage that ran for more than two seconds
 * completes. Registered on every session by {@link Sessions}.
 */
public final class ProgressListener extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);
    private static final long QUIET_NANOS = 2_000_000_000L;

    /** What is known of one running Spark stage. */
    private static final class StageState {
        final String name;
        final int tasks;
        final long start = System.nanoTime();
        long lastLog = start;
        int done;
        long records;

        StageState(String name, int tasks) {
            this.name = name;
            this.tasks = tasks;
        }
    }

    private final Map<Integer, StageState> stages = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted e) {
        stages.put(e.stageInfo().stageId(), new StageState(e.stageInfo().name(), e.stageInfo().numTasks()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        StageState s = stages.get(e.stageId());
        if (s == null || e.taskMetrics() == null) {
            return;
        }
        synchronized (s) {
            s.done++;
            s.records += e.taskMetrics().inputMetrics().recordsRead();
            long now = System.nanoTime();
            if (now - s.lastLog >= Progress.INTERVAL_NANOS) {
                s.lastLog = now;
                log(s, now, "running");
            }
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted e) {
        StageState s = stages.remove(e.stageInfo().stageId());
        if (s != null && System.nanoTime() - s.start >= QUIET_NANOS) {
            log(s, System.nanoTime(), "done");
        }
    }

    private static void log(StageState s, long now, String what) {
        double seconds = (now - s.start) / 1e9;
        LOG.info("spark stage '{}' {}: {}/{} tasks, {} input records ({} records/s)", s.name, what, s.done, s.tasks,
                s.records, String.format("%.1f", s.records / Math.max(seconds, 1e-9)));
    }
}
