package org.mlpf.tensorize;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the tensorize keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class TensorizeKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 30;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return TensorizeConfig.KEYS;
    }
}
