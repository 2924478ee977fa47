package org.mlpf.testing;

import java.nio.file.Path;

/** Paths of files in the project checkout (conf/, docs/), for tests that check them. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project's root directory (set by surefire; the working directory otherwise). */
    public static Path root() {
        return Path.of(System.getProperty("mlpf.project.dir", ".")).toAbsolutePath().normalize();
    }

    /** A file relative to the project root. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
