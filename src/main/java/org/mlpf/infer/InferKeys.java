package org.mlpf.infer;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the infer keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class InferKeys extends ConfigKeyGroup {
    public InferKeys() {
        super(50, InferConfig.KEYS);
    }
}
