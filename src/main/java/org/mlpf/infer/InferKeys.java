package org.mlpf.infer;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the infer keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class InferKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 50;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return InferConfig.KEYS;
    }
}
