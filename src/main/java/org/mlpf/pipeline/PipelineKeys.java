package org.mlpf.pipeline;

import org.mlpf.config.ConfigKeyGroup;

/** Registers the pipeline keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class PipelineKeys extends ConfigKeyGroup {
    public PipelineKeys() {
        super(80, PipelineConfig.KEYS);
    }
}
