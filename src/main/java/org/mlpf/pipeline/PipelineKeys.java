package org.mlpf.pipeline;

import java.util.List;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigKeyGroup;

/** Registers the pipeline keys with {@link org.mlpf.config.ConfigRegistry} (a {@link ConfigKeyGroup} service). */
public final class PipelineKeys implements ConfigKeyGroup {
    @Override
    public int position() {
        return 80;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return PipelineConfig.KEYS;
    }
}
