package org.mlpf.cli;

import org.mlpf.config.Settings;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The effective configuration of a parsed command: loaded settings overridden by the flags given explicitly. */
final class CliSettings {
    private CliSettings() {
    }

    /** Settings of the command described by {@code spec}, with every explicitly given config-backed flag applied. */
    static Settings resolve(CommandSpec spec) {
        Settings s = ((ConfigDefaults) spec.defaultValueProvider()).settings();
        ParseResult pr = spec.commandLine().getParseResult();
        for (OptionSpec o : pr.matchedOptions()) {
            String key = o.descriptionKey();
            if (!key.isEmpty() && !o.originalStringValues().isEmpty()) {
                String raw = o.originalStringValues().get(o.originalStringValues().size() - 1);
                s = s.with(key, raw, "command line " + o.longestName());
            }
        }
        return s;
    }
}
