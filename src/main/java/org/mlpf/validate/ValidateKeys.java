package org.mlpf.validate;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the validate keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class ValidateKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 10;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return ValidateConfig.KEYS;
    }
}
