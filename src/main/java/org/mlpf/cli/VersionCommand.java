package org.mlpf.cli;

import java.util.concurrent.Callable;

import org.mlpf.config.BuildInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mlpf version}: the project version, git commit and the versions of Spark, DJL, PyTorch and Java. */
@Command(name = "version", description = "Print the versions of mlpf-spark, Spark, DJL, PyTorch and Java.")
public final class VersionCommand implements Callable<Integer>, IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return ExitCodes.OK;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "mlpf-spark " + BuildInfo.version() + " (commit " + BuildInfo.commit() + ")",
            "spark " + BuildInfo.sparkVersion() + ", djl " + BuildInfo.djlVersion() + ", pytorch "
                    + BuildInfo.pytorchVersion() + ", java " + System.getProperty("java.version"),
        };
    }
}
