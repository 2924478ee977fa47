package org.mlpf.generate;

import java.util.List;
import java.util.stream.Stream;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the generate and detector-simulation keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class GenerateKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 20;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return Stream.concat(GenerateConfig.KEYS.stream(), ReconstructionConfig.KEYS.stream()).toList();
    }
}
