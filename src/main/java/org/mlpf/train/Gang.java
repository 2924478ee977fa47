package org.mlpf.train;

import java.util.List;

/**
 * The view a data-parallel worker has of its gang of workers (a Spark barrier stage): its rank, where it runs, the
 * one collective it needs besides the ring (an all-gather to exchange addresses), and whether it was cancelled.
 */
interface Gang {
    /** This worker's rank, 0 .. size - 1. */
    int rank();

    /** Number of workers. */
    int size();

    /** Attempt of the gang (Spark stage attempt), 0 first. */
    int attempt();

    /** Identifies this gang among attempts, so that stale connections are refused. */
    long token();

    /** Host name or address peers reach this worker at. */
    String host();

    /** GPU addresses assigned to this worker (empty for none). */
    List<String> gpus();

    /** Every worker's message, by rank (blocks until all have sent theirs). */
    List<String> allGather(String message);

    /** True once the worker has been cancelled (another worker failed). */
    boolean cancelled();
}
