package org.mlpf.generate;

import java.util.stream.Stream;

import org.mlpf.config.ConfigKeyGroup;

/**
 * Registers the generate and detector-simulation keys with {@link org.mlpf.config.ConfigRegistry} (a
 * {@link ConfigKeyGroup} service).
 */
public final class GenerateKeys extends ConfigKeyGroup {
    public GenerateKeys() {
        super(20, Stream.concat(GenerateConfig.KEYS.stream(), ReconstructionConfig.KEYS.stream()).toList());
    }
}
