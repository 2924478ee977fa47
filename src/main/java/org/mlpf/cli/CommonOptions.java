package org.mlpf.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * Options every Spark command takes. {@code --conf} and {@code --set} are read by {@link Main} before parsing
 * (they decide the defaults shown by {@code --help}); they are declared here so that they are documented and
 * accepted.
 */
public final class CommonOptions {
    @Option(names = "--conf", paramLabel = "FILE",
            description = "configuration file (Java/Spark properties); default: $MLPF_CONF, which jobs/mlpf sets "
                    + "to conf/local.conf")
    Path conf;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override one configuration key (repeatable), e.g. --set spark.sql.shuffle.partitions=8")
    List<String> set = new ArrayList<>();

    @Option(names = "--master", paramLabel = "URL", descriptionKey = "spark.master")
    String master;
}
