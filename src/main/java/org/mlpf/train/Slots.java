package org.mlpf.train;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlpf.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task slots for a barrier stage: Spark runs a barrier stage only when all its tasks fit at once, and with too few
 * slots retries its check for minutes before failing. This fails at once when the master cannot have enough slots,
 * and waits for executors that are still registering (a fresh local-cluster or standalone application).
 */
final class Slots {
    private static final Logger LOG = LoggerFactory.getLogger(Slots.class);
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[(\\d+),(\\d+),(\\d+)]");
    private static final long WAIT_MILLIS = 120_000;

    private Slots() {
    }

    /** Task slots of a {@code local} master, or -1 for other masters. */
    static int localSlots(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return -1;
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    /**
     * Fails if {@code workers} tasks can never run together on this session's master, else waits (at most two
     * minutes) until enough executors have registered.
     *
     * @throws ConfigException if the master has fewer slots than workers
     */
    static void await(SparkSession spark, int workers) {
        SparkContext sc = spark.sparkContext();
        String master = sc.master();
        int taskCpus = sc.getConf().getInt("spark.task.cpus", 1);
        int local = localSlots(master);
        if (local >= 0) {
            require(workers, local / taskCpus, master);
            if (workers > 1) {
                LOG.warn("{} workers share the driver JVM under master {}: they take turns (one PyTorch gradient "
                        + "collector per JVM); for parallel training use a cluster or local-cluster[{},1,3072]",
                        workers, master, workers);
            }
            return;
        }
        Matcher m = LOCAL_CLUSTER.matcher(master);
        int executors;
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            int cores = Integer.parseInt(m.group(2));
            require(workers, n * (cores / taskCpus), master);
            executors = (workers + cores / taskCpus - 1) / (cores / taskCpus);
        } else {
            int cores = sc.getConf().getInt("spark.executor.cores", 1);
            executors = (workers + Math.max(1, cores / taskCpus) - 1) / Math.max(1, cores / taskCpus);
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (registered(sc) < executors && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("{} executors registered for {} workers", registered(sc), workers);
    }

    private static int registered(SparkContext sc) {
        // the driver is listed too
        return sc.statusTracker().getExecutorInfos().length - 1;
    }

    private static void require(int workers, int slots, String master) {
        if (workers > slots) {
            throw new ConfigException(workers + " training workers need " + workers + " task slots at once, master "
                    + master + " has " + slots + " (set " + TrainJobConfig.WORKERS.name() + " or --workers lower, or "
                    + "use more executors)");
        }
    }
}
