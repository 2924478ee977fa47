/**
 * Configuration: typed, documented keys ({@link org.mlpf.config.ConfigKey}) registered per stage in
 * {@link org.mlpf.config.ConfigRegistry}, layered into {@link org.mlpf.config.Settings} from defaults, a
 * {@code conf/*.conf} file and the command line. Every bad value names its key, value and allowed range.
 */
package org.mlpf.config;
