/**
 * Configuration: typed, documented keys ({@link org.mlpf.config.ConfigKey}) that each stage registers with
 * {@link org.mlpf.config.ConfigRegistry} as a {@link org.mlpf.config.ConfigKeyGroup} service (this package imports
 * no stage), layered into {@link org.mlpf.config.Settings} from defaults, a
 * {@code conf/*.conf} file and the command line. Every bad value names its key, value and allowed range.
 */
package org.mlpf.config;
