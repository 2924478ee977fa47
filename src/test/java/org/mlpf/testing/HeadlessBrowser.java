package org.mlpf.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, for tests of HTML the project writes: loads a page, runs its scripts, returns the
 * DOM afterwards. Without Chromium the calling test is skipped, unless {@code MLPF_REQUIRE_CHROMIUM=1} (as in
 * jobs/test and CI), where it fails.
 */
public final class HeadlessBrowser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessBrowser() {
    }

    /** The DOM of {@code page} after it loaded (scripts run, images fetched). */
    public static String domAfterLoad(Path page) throws IOException, InterruptedException {
        boolean present = Files.isExecutable(CHROMIUM);
        if (!present && "1".equals(System.getenv("MLPF_REQUIRE_CHROMIUM"))) {
            throw new AssertionError("chromium is required (MLPF_REQUIRE_CHROMIUM=1) but missing: run "
                    + "jobs/install-test-deps");
        }
        assumeTrue(present, "chromium not installed (jobs/install-test-deps installs it)");
        Path profile = Files.createTempDirectory("mlpf-chromium");
        try {
            StandaloneCluster.Result r = StandaloneCluster.run(List.of(CHROMIUM.toString(), "--headless",
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom",
                    page.toUri().toString()), Map.of(), 120);
            if (r.exitCode() != 0) {
                throw new AssertionError("chromium failed:\n" + r.output());
            }
            return r.output();
        } finally {
            try (var s = Files.walk(profile)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
