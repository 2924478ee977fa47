/**
 * The {@code mlpf} command line (picocli): one class per subcommand, parsing and printing only; the work is
 * done by the stage packages. Defaults and option docs come from the configuration registry.
 */
package org.mlpf.cli;
