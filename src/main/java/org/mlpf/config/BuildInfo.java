package org.mlpf.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Facts fixed at build time: project and library versions, the git commit, and the JVM options Spark needs on
 * Java 17. Read from {@code org/mlpf/build.properties} (Maven-filtered) and {@code git.properties}.
 */
public final class BuildInfo {
    private static final Properties BUILD = load("/org/mlpf/build.properties");
    private static final Properties GIT = load("/org/mlpf/git.properties");

    private BuildInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The abbreviated git commit the code was built from, with {@code -dirty} for uncommitted changes. */
    public static String commit() {
        String id = GIT.getProperty("git.commit.id.abbrev", "");
        if (id.isEmpty()) {
            return "unknown";
        }
        return "true".equals(GIT.getProperty("git.dirty")) ? id + "-dirty" : id;
    }

    /**
     * The version of the code that runs, as the pipeline's fingerprints use it: the commit when the build had no
     * uncommitted changes, otherwise {@code COMMIT-dirty-DIGEST} with the first 12 hex digits of
     * {@link #codeDigest()}, so that two different uncommitted edits of one commit never share a version (and a
     * rerun after an edit does not skip the steps the edit changes).
     */
    public static String codeVersion() {
        String commit = commit();
        if (commit.endsWith("-dirty") || commit.equals("unknown")) {
            return commit + "-" + codeDigest().substring(0, 12);
        }
        return commit;
    }

    /**
     * SHA-256 over the project's compiled classes and resources ({@code org/mlpf/**} of the classes directory or
     * jar this class was loaded from, by path in byte order, each path and its bytes), without
     * {@code git.properties} (which changes with every commit, not with the code). javac output is a function of the
     * sources, so equal sources give equal digests.
     */
    public static String codeDigest() {
        return CodeDigest.VALUE;
    }

    private static final class CodeDigest {
        static final String VALUE = compute();

        private static String compute() {
            CodeSource src = BuildInfo.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                throw new IllegalStateException("the project's classes have no code source to digest");
            }
            try {
                return digest(Path.of(src.getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot digest the project's classes", e);
            }
        }
    }

    /** The digest of {@link #codeDigest()} over a classes directory or a jar. */
    static String digest(Path location) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try {
            if (Files.isDirectory(location)) {
                Path pkg = location.resolve("org/mlpf");
                if (Files.isDirectory(pkg)) {
                    try (Stream<Path> walk = Files.walk(pkg)) {
                        for (Path f : walk.filter(Files::isRegularFile).toList()) {
                            files.put(location.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith("org/mlpf/"))
                            .toList()) {
                        try (InputStream in = jar.getInputStream(e)) {
                            files.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot digest the project's classes in " + location, e);
        }
        files.remove("org/mlpf/git.properties");
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        files.forEach((name, bytes) -> {
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
            md.update(bytes);
        });
        return HexFormat.of().formatHex(md.digest());
    }

    /** Spark version the project was built against. */
    public static String sparkVersion() {
        return BUILD.getProperty("spark.version", "unknown");
    }

    /** DJL version the project was built against. */
    public static String djlVersion() {
        return BUILD.getProperty("djl.version", "unknown");
    }

    /** PyTorch (libtorch) version of the natives. */
    public static String pytorchVersion() {
        return BUILD.getProperty("pytorch.version", "unknown");
    }

    /** The {@code --add-opens} list Spark needs on Java 17, space separated. */
    public static String java17Opens() {
        return BUILD.getProperty("java17.opens", "");
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        return p;
    }
}
