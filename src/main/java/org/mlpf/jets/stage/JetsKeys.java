package org.mlpf.jets.stage;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the jets keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class JetsKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 60;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return JetsConfig.KEYS;
    }
}
