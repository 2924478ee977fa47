package org.mlpf.jets.stage;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the jets keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class JetsKeys extends ConfigKeyGroup {
    public JetsKeys() {
        super(60, JetsConfig.KEYS);
    }
}
