package org.mlpf.train;

import org.mlpf.config.ConfigException;

/**
 * A resume that cannot continue: the newest checkpoint was made with other training settings or data than the
 * run that would resume it (the setting is named in the message).
 */
public class CheckpointMismatchException extends ConfigException {
    private static final long serialVersionUID = 1L;

    public CheckpointMismatchException(String message) {
        super(message);
    }
}
