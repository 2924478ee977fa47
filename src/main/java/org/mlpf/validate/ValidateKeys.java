package org.mlpf.validate;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the validate keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class ValidateKeys extends ConfigKeyGroup {
    public ValidateKeys() {
        super(10, ValidateConfig.KEYS);
    }
}
