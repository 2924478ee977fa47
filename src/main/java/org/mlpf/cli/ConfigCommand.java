package org.mlpf.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.mlpf.config.ConfigKey;
import org.mlpf.config.ConfigRegistry;
import org.mlpf.config.Settings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlpf config}: the effective configuration with the source of every value, or the key reference. */
@Command(name = "config", showDefaultValues = true,
        description = "Print the effective configuration (value and where it came from), or with --keys the "
                + "reference of every key.")
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--keys", description = "print the reference of every mlpf key as Markdown (docs/configuration.md)")
    boolean keys;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (keys) {
            out.print(reference());
            return ExitCodes.OK;
        }
        Settings s = CliSettings.resolve(spec);
        for (Map.Entry<String, Settings.Value> e : s.entries().entrySet()) {
            out.printf("%s = %s    # %s%n", e.getKey(), e.getValue().raw(), e.getValue().source());
        }
        return ExitCodes.OK;
    }

    /** The Markdown reference of all keys: the content of docs/configuration.md after its introduction. */
    static String reference() {
        StringBuilder sb = new StringBuilder("| key | default | allowed | meaning |\n|---|---|---|---|\n");
        for (ConfigKey<?> k : ConfigRegistry.all()) {
            sb.append("| `").append(k.name()).append("` | ")
                    .append(k.defaultValue() == null ? "(none)" : "`" + k.defaultValue() + "`").append(" | ")
                    .append(k.allowed().replace("|", "\\|")).append(" | ").append(k.doc().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
