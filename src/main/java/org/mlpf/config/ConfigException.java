package org.mlpf.config;

/** A configuration value is unknown, malformed or out of range; the message names key, value and allowed range. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
