package org.mlpf.cli;

import java.util.ListResourceBundle;
import java.util.ResourceBundle;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigRegistry;
import org.mlpf.config.Settings;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Connects picocli to the configuration: an option whose {@code descriptionKey} is a config key takes its
 * default from the loaded {@link Settings} (registry default, then config file, then {@code --set}) and its
 * description from the key's documentation, so {@code --help} shows the values a run would use.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    /** Bundle key of {@code pipeline --samples}. */
    static final String PIPELINE_ONLY_SAMPLES = "cli.pipeline.only-samples";

    private final Settings settings;

    ConfigDefaults(Settings settings) {
        this.settings = settings;
    }

    /** The configuration the defaults come from. */
    Settings settings() {
        return settings;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec o && !o.descriptionKey().isEmpty()) {
            return settings.raw(o.descriptionKey()).orElse(null);
        }
        return null;
    }

    /** Option descriptions keyed by config key, generated from the registry. */
    static ResourceBundle descriptions() {
        Object[][] contents = new Object[ConfigRegistry.all().size() + 1][];
        int i = 0;
        for (ConfigKey<?> k : ConfigRegistry.all()) {
            contents[i++] = new Object[] {k.name(), k.doc() + " [" + k.name() + "; allowed " + k.allowed() + "]"};
        }
        // picocli looks up an option by its qualified name ("mlpf pipeline --samples" -> mlpf.pipeline.samples),
        // which here is a config key of another meaning: the option names its own entry
        contents[i] = new Object[] {PIPELINE_ONLY_SAMPLES, "run the steps of only these of the configured samples "
                + "(default: all of mlpf.pipeline.samples); train and compare still cover all their samples"};
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return contents;
            }
        };
    }
}
