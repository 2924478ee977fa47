package org.mlpf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInfoTest {
    @TempDir
    Path tmp;

    private Path classes(String name, Map<String, String> files) throws IOException {
        Path dir = tmp.resolve(name);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return dir;
    }

    private Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = tmp.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> e : files.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void twoDifferentEditsGiveTwoDigestsAndTheCommitAloneChangesNone() throws IOException {
        Map<String, String> base = new TreeMap<>(Map.of("org/mlpf/a/A.class", "code of A",
                "org/mlpf/b/B.class", "code of B", "org/mlpf/git.properties", "git.commit.id.abbrev=1111111"));
        String d0 = BuildInfo.digest(classes("base", base));

        Map<String, String> editA = new TreeMap<>(base);
        editA.put("org/mlpf/a/A.class", "code of A, edited");
        Map<String, String> editB = new TreeMap<>(base);
        editB.put("org/mlpf/b/B.class", "code of B, edited");
        String dA = BuildInfo.digest(classes("a", editA));
        String dB = BuildInfo.digest(classes("b", editB));
        assertNotEquals(d0, dA);
        assertNotEquals(d0, dB);
        assertNotEquals(dA, dB);

        // a renamed file with the same bytes is another code
        Map<String, String> moved = new TreeMap<>(base);
        moved.remove("org/mlpf/b/B.class");
        moved.put("org/mlpf/b/C.class", "code of B");
        assertNotEquals(d0, BuildInfo.digest(classes("moved", moved)));

        Map<String, String> recommitted = new TreeMap<>(base);
        recommitted.put("org/mlpf/git.properties", "git.commit.id.abbrev=2222222");
        recommitted.put("other/Lib.class", "a dependency's class");
        assertEquals(d0, BuildInfo.digest(classes("recommitted", recommitted)), "only org/mlpf code counts");
        assertEquals(d0, BuildInfo.digest(jar("app.jar", base)), "a jar and a directory of the same code agree");
    }

    @Test
    void theRunningCodeHasADigestAndADirtyBuildCarriesIt() {
        String d = BuildInfo.codeDigest();
        assertTrue(d.matches("[0-9a-f]{64}"), d);
        assertEquals(d, BuildInfo.codeDigest());
        String v = BuildInfo.codeVersion();
        String commit = BuildInfo.commit();
        if (commit.endsWith("-dirty") || commit.equals("unknown")) {
            assertEquals(commit + "-" + d.substring(0, 12), v);
        } else {
            assertEquals(commit, v);
        }
    }
}
