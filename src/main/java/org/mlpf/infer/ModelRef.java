package org.mlpf.infer;

import java.io.Serializable;

/**
 * A model directory as the tasks of one job see it: its fully qualified location (a {@code file:} URI, or any
 * Hadoop file system's) and the SHA-256 of its parameter file, read from the manifest when the job started. Tasks
 * load exactly this model: a directory replaced while the job runs fails the job instead of mixing two models.
 *
 * @param uri    qualified location of the directory
 * @param sha256 the manifest's {@code parametersSha256}
 */
public record ModelRef(String uri, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A short form for logs: the location and the first 12 hex digits of the checksum. */
    @Override
    public String toString() {
        return uri + " (parameters " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}
