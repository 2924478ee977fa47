package org.mlpf.tensorize;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the tensorize keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class TensorizeKeys extends ConfigKeyGroup {
    public TensorizeKeys() {
        super(30, TensorizeConfig.KEYS);
    }
}
