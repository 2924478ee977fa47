package org.mlpf.compare;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the compare keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class CompareKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 70;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return CompareConfig.KEYS;
    }
}
