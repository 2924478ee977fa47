package org.mlpf.generate;

import java.util.List;

import org.mlpf.config.ConfigException;
import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * Configuration of the {@code generate} stage.
 *
 * @param events      events per sample
 * @param pileup      pileup interactions per event of physics samples, MIN:MAX (uniform)
 * @param gunPileup   pileup of particle-gun samples ({@code gun-*}), MIN:MAX
 * @param seed        run seed; each event's seed derives from (seed, sample, event index)
 * @param partitions  Spark partitions per sample; 0 for twice the default parallelism
 */
public record GenerateConfig(long events, String pileup, String gunPileup, long seed, int partitions) {
    private static final String RANGE = "[0-9]+:[0-9]+";

    public static final ConfigKey<Long> EVENTS = ConfigKey.ofLong("mlpf.generate.events", 1, 1_000_000_000L, 100,
            "events per sample");
    public static final ConfigKey<String> PILEUP = ConfigKey.ofPattern("mlpf.generate.pileup", RANGE,
            "MIN:MAX with 0 <= MIN <= MAX", "55:75",
            "pileup interactions per event of physics samples (ttbar, qcd, ztautau), drawn uniformly in MIN:MAX");
    public static final ConfigKey<String> GUN_PILEUP = ConfigKey.ofPattern("mlpf.generate.gun-pileup", RANGE,
            "MIN:MAX with 0 <= MIN <= MAX", "0:0", "pileup interactions per event of particle guns (gun-*)");
    public static final ConfigKey<Long> SEED = ConfigKey.ofLong("mlpf.generate.seed", 0, Long.MAX_VALUE, 1,
            "run seed: every event's seed derives from (seed, sample, event index), whatever the partitioning");
    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.ofInt("mlpf.generate.partitions", 0, 100_000, 0,
            "Spark partitions per sample (0: twice the default parallelism)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(EVENTS, PILEUP, GUN_PILEUP, SEED, PARTITIONS);

    public GenerateConfig {
        EVENTS.check(events);
        PILEUP.check(pileup);
        GUN_PILEUP.check(gunPileup);
        SEED.check(seed);
        PARTITIONS.check(partitions);
        range(PILEUP, pileup);
        range(GUN_PILEUP, gunPileup);
    }

    /** Reads the record from a configuration. */
    public static GenerateConfig from(Settings s) {
        return new GenerateConfig(s.get(EVENTS), s.get(PILEUP), s.get(GUN_PILEUP), s.get(SEED), s.get(PARTITIONS));
    }

    /** The pileup range {min, max} of {@code sample}. */
    public int[] pileupOf(String sample) {
        return sample.startsWith("gun-") ? range(GUN_PILEUP, gunPileup) : range(PILEUP, pileup);
    }

    private static int[] range(ConfigKey<String> key, String value) {
        String[] p = value.split(":");
        int[] r;
        try {
            r = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        } catch (NumberFormatException e) {
            r = new int[] {1, 0};
        }
        if (r[0] > r[1]) {
            throw new ConfigException("bad value '" + value + "' for " + key.name() + ": allowed " + key.allowed());
        }
        return r;
    }
}
