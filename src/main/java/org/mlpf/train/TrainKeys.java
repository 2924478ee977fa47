package org.mlpf.train;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the train keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class TrainKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 40;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return TrainJobConfig.KEYS;
    }
}
