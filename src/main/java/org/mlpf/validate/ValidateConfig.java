package org.mlpf.validate;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.Settings;

/**
 * Configuration of {@code mlpf validate}.
 *
 * @param maxOffenders how many offending values to list when validation fails
 * @param maxAbsEta    largest allowed |eta| of elements, targets and candidates
 */
public record ValidateConfig(int maxOffenders, double maxAbsEta) {
    public static final ConfigKey<Integer> MAX_OFFENDERS = ConfigKey.ofInt("mlpf.validate.max-offenders", 1, 1000, 20,
            "number of offending values listed when validation fails");
    public static final ConfigKey<Double> MAX_ABS_ETA = ConfigKey.ofDouble("mlpf.validate.max-abs-eta", 0.5, 20.0, 6.0,
            "largest allowed |eta| of elements, targets and candidates (HF reaches 5)");

    /** All keys of this group. */
    public static final List<ConfigKey<?>> KEYS = List.of(MAX_OFFENDERS, MAX_ABS_ETA);

    public ValidateConfig {
        MAX_OFFENDERS.check(maxOffenders);
        MAX_ABS_ETA.check(maxAbsEta);
    }

    /** Reads the record from a configuration. */
    public static ValidateConfig from(Settings s) {
        return new ValidateConfig(s.get(MAX_OFFENDERS), s.get(MAX_ABS_ETA));
    }
}
