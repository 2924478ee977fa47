package org.mlpf.compare;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the compare keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class CompareKeys extends ConfigKeyGroup {
    public CompareKeys() {
        super(70, CompareConfig.KEYS);
    }
}
