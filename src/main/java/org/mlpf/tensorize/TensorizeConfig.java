package org.mlpf.tensorize;

import java.util.List;

import org.mlpf.config.ConfigException;
import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * Configuration of the tensorize stage.
 *
 * @param buckets     padded sizes, increasing multiples of {@link #SLOT_MULTIPLE}; an event goes to the smallest that
 *                    fits
 * @param target      {@code gen} (ygen) or {@code cand} (ycand) as the training target
 * @param split       train, validation and test fractions
 * @param seed        seed of the split hash
 * @param oversize    what to do with events larger than the largest bucket: {@code error}, {@code drop} or
 *                    {@code split}
 * @param shardEvents maximum rows per output file
 * @param badEvents   events that break the ntuple rules ({@code NtupleGuard}): {@code stop} or {@code quarantine}
 */
public record TensorizeConfig(List<Integer> buckets, String target, List<Double> split, long seed, String oversize,
                              int shardEvents, String badEvents) {
    /** Bucket sizes must be multiples of the model's LSH bin size (64 elements per bin). */
    public static final int SLOT_MULTIPLE = 64;

    public static final ConfigKey<List<Integer>> BUCKETS = ConfigKey.ofIncreasingInts("mlpf.tensorize.buckets",
            SLOT_MULTIPLE, 1 << 20, "1600,3200,6400,12800",
            "padded event sizes (element slots), multiples of 64; each event goes to the smallest that fits");
    public static final ConfigKey<String> TARGET = ConfigKey.ofChoice("mlpf.tensorize.target", List.of("gen", "cand"),
            "gen", "training target: gen (ygen, generator particles) or cand (ycand, baseline PF candidates)");
    public static final ConfigKey<List<Double>> SPLIT = ConfigKey.ofFractions("mlpf.tensorize.split", 3, "0.8,0.1,0.1",
            "train, validation and test fractions, assigned by a hash of (sample, event_id)");
    public static final ConfigKey<Long> SEED = ConfigKey.ofLong("mlpf.tensorize.seed", 0, Long.MAX_VALUE, 42,
            "seed of the split hash: the same seed gives the same split, also after adding samples");
    public static final ConfigKey<String> OVERSIZE = ConfigKey.ofChoice("mlpf.tensorize.oversize",
            List.of("error", "drop", "split"), "error",
            "events larger than the largest bucket: error (stop, naming them), drop (to quarantine) or split (in chunks)");
    public static final ConfigKey<Integer> SHARD_EVENTS = ConfigKey.ofInt("mlpf.tensorize.shard-events", 1, 10_000_000,
            500, "maximum rows (events) per output Parquet file");

    public static final ConfigKey<String> BAD_EVENTS = ConfigKey.ofChoice("mlpf.tensorize.bad-events",
            List.of("stop", "quarantine"), "stop",
            "events that break the ntuple rules (non-finite or impossible values, unknown codes, another schema "
                    + "version): stop (exit 1 naming file, event and field; nothing committed) or quarantine (with "
                    + "the reason)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(BUCKETS, TARGET, SPLIT, SEED, OVERSIZE, SHARD_EVENTS,
            BAD_EVENTS);

    public TensorizeConfig {
        BUCKETS.check(buckets);
        for (int b : buckets) {
            if (b % SLOT_MULTIPLE != 0) {
                throw new ConfigException("bad value '" + b + "' in " + BUCKETS.name() + ": allowed multiples of "
                        + SLOT_MULTIPLE + " (the model's bin size)");
            }
        }
        TARGET.check(target);
        SPLIT.check(split);
        SEED.check(seed);
        OVERSIZE.check(oversize);
        SHARD_EVENTS.check(shardEvents);
        BAD_EVENTS.check(badEvents);
        buckets = List.copyOf(buckets);
        split = List.copyOf(split);
    }

    /** Reads the record from a configuration. */
    public static TensorizeConfig from(Settings s) {
        return new TensorizeConfig(s.get(BUCKETS), s.get(TARGET), s.get(SPLIT), s.get(SEED), s.get(OVERSIZE),
                s.get(SHARD_EVENTS), s.get(BAD_EVENTS));
    }

    /** The settings with bad events stopping the job ({@link #BAD_EVENTS} {@code stop}). */
    public TensorizeConfig(List<Integer> buckets, String target, List<Double> split, long seed, String oversize,
            int shardEvents) {
        this(buckets, target, split, seed, oversize, shardEvents, "stop");
    }

    /** The largest bucket. */
    public int maxBucket() {
        return buckets.get(buckets.size() - 1);
    }
}
