package org.mlpf.train;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the train keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class TrainKeys extends ConfigKeyGroup {
    public TrainKeys() {
        super(40, TrainJobConfig.KEYS);
    }
}
