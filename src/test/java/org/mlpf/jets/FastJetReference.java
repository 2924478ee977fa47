package org.mlpf.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.mlpf.generate.io.EventFileFormat;
import org.mlpf.physics.GenEvent;
import org.mlpf.testing.ProjectFiles;

/**
 * The installed FastJet as the reference for the jet tests: compiles the driver {@code src/test/cpp/fastjet_jets.cc}
 * with {@code g++ -O2 $(fastjet-config --cxxflags --libs)} into {@code target/fastjet-tests/} once per test JVM,
 * runs it, and parses its output; also runs this library on the same input and compares.
 *
 * <p>Without FastJet ({@code fastjet-config} not on the PATH) the calling test is skipped through a JUnit
 * assumption, unless the environment variable {@value #REQUIRE_ENV}=1 asks for FastJet, in which case it fails.
 * {@code jobs/install-test-deps} installs FastJet.
 */
final class FastJetReference {
    /** Environment variable that turns "FastJet missing" from a skip into a failure. */
    static final String REQUIRE_ENV = "MLPF_REQUIRE_FASTJET";
    private static final Path SOURCE = ProjectFiles.file("src/test/cpp/fastjet_jets.cc");
    private static final Path BINARY = ProjectFiles.file("target/fastjet-tests/fastjet_jets");

    private static String unavailable;
    private static boolean built;

    /** One jet: four-momentum (GeV) and the input indices of its constituents. */
    record Jet(double px, double py, double pz, double e, int[] constituents) {
        double pt2() {
            return px * px + py * py;
        }
    }

    /**
     * The result for one event.
     *
     * @param inclusiveJets number of inclusive jets at ptmin 0
     * @param jets          the jets above the requested ptmin
     */
    record EventJets(int index, int particles, String strategy, int inclusiveJets, String description,
                     List<Jet> jets) {
    }

    private FastJetReference() {
    }

    /** True when the environment demands the live FastJet tests. */
    static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    /** The compiled driver; skips (or, when required, fails) the calling test if FastJet is not installed. */
    static synchronized Path driver() {
        if (!built && unavailable == null) {
            build();
        }
        if (unavailable != null) {
            if (required()) {
                fail(REQUIRE_ENV + "=1 but " + unavailable + " (run jobs/install-test-deps)");
            }
            Assumptions.abort(unavailable + ": live FastJet comparison skipped (jobs/install-test-deps installs it; "
                    + REQUIRE_ENV + "=1 makes this a failure)");
        }
        return BINARY;
    }

    private static void build() {
        String flags;
        try {
            flags = run(List.of("fastjet-config", "--cxxflags", "--libs"), 60).strip();
        } catch (IOException e) {
            unavailable = "FastJet is not installed (no fastjet-config on the PATH)";
            return;
        }
        try {
            if (!Files.exists(BINARY) || Files.getLastModifiedTime(BINARY).compareTo(Files.getLastModifiedTime(SOURCE)) < 0) {
                Files.createDirectories(BINARY.getParent());
                List<String> cmd = new ArrayList<>(List.of("g++", "-O2", SOURCE.toString(), "-o", BINARY.toString()));
                cmd.addAll(Arrays.asList(flags.split("\\s+")));
                run(cmd, 300);
            }
            built = true;
        } catch (IOException e) {
            unavailable = "cannot build the FastJet driver: " + e.getMessage();
        }
    }

    /** Runs {@code cmd}, returns its stdout; a non-zero exit or a timeout is an IOException with stderr. */
    static String run(List<String> cmd, int timeoutSeconds) throws IOException {
        Path err = Files.createTempFile("fastjet-driver", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": "
                        + Files.readString(err).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** FastJet's jets for every event of {@code input} ({@code strategy}: a FastJet name or "best"). */
    static String runDriver(Path input, JetAlgorithm alg, double r, double ptmin, String strategy) {
        Path bin = driver();
        try {
            return run(List.of(bin.toString(), "--input", input.toString(), "--algorithm", alg.cliName(),
                    "--R", Double.toString(r), "--ptmin", Double.toString(ptmin), "--strategy", strategy), 600);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Parses the driver's output (also the format of the golden files). */
    static List<EventJets> parse(String text) {
        List<EventJets> out = new ArrayList<>();
        EventHeader h = null;
        List<Jet> jets = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.strip().split(" ");
            if (f[0].equals("event")) {
                if (h != null) {
                    out.add(h.with(jets));
                }
                int d = line.indexOf(" description ");
                h = new EventHeader(Integer.parseInt(f[1]), Integer.parseInt(f[3]), f[5], Integer.parseInt(f[7]),
                        line.substring(d + " description ".length()));
                jets = new ArrayList<>();
            } else if (f[0].equals("jet")) {
                int[] c = new int[f.length - 6];
                for (int k = 0; k < c.length; k++) {
                    c[k] = Integer.parseInt(f[6 + k]);
                }
                jets.add(new Jet(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), c));
            } else {
                throw new IllegalArgumentException("unexpected line: " + line);
            }
        }
        if (h != null) {
            out.add(h.with(jets));
        }
        return out;
    }

    private record EventHeader(int index, int particles, String strategy, int inclusiveJets, String description) {
        EventJets with(List<Jet> jets) {
            return new EventJets(index, particles, strategy, inclusiveJets, description, jets);
        }
    }

    /** Our jets for every event of {@code input}, read with the project's px-py-pz-E reader. */
    static List<EventJets> ours(Path input, JetDefinition def, double ptmin) {
        List<EventJets> out = new ArrayList<>();
        List<GenEvent> events = EventFileFormat.pxpypze.readAll(input);
        for (int ev = 0; ev < events.size(); ev++) {
            out.add(ours(ev, events.get(ev), def, ptmin));
        }
        return out;
    }

    /** Our jets for one event. */
    static EventJets ours(int index, GenEvent g, JetDefinition def, double ptmin) {
        int n = g.size();
        double[] px = new double[n];
        double[] py = new double[n];
        double[] pz = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            px[i] = g.px(i);
            py[i] = g.py(i);
            pz[i] = g.pz(i);
            e[i] = g.e(i);
        }
        ClusterSequence cs = new ClusterSequence(px, py, pz, e, n, def);
        List<Jet> jets = new ArrayList<>();
        for (PseudoJet j : ClusterSequence.sortedByPt(cs.inclusiveJets(ptmin))) {
            jets.add(new Jet(j.px(), j.py(), j.pz(), j.e(), cs.constituentIndices(j)));
        }
        return new EventJets(index, n, cs.strategyUsed().fastJetName(), cs.inclusiveJets(0).size(),
                def.description(), jets);
    }

    /**
     * Asserts that two results agree: same events, multiplicities, strategy and description; the same jets with
     * the same constituents (as sets), and every four-momentum component equal to {@code relTol} relative to the
     * jet's energy. Jets are matched by their smallest constituent index (jets partition the particles), so
     * the order of jets with exactly equal pt does not matter.
     */
    static void assertSameJets(List<EventJets> expected, List<EventJets> actual, double relTol, String context) {
        assertSameJets(expected, actual, relTol, context, true);
    }

    /** As {@link #assertSameJets(List, List, double, String)}, optionally ignoring the strategy names. */
    static void assertSameJets(List<EventJets> expected, List<EventJets> actual, double relTol, String context,
                               boolean compareStrategy) {
        assertEquals(expected.size(), actual.size(), context + ": number of events");
        for (int ev = 0; ev < expected.size(); ev++) {
            EventJets x = expected.get(ev);
            EventJets y = actual.get(ev);
            String where = context + ", event " + ev;
            assertEquals(x.particles(), y.particles(), where + ": particles");
            if (compareStrategy && x.particles() > 0) {
                // FastJet leaves an empty event's strategy unresolved and names Best "Unrecognized".
                assertEquals(x.strategy(), y.strategy(), where + ": strategy");
            }
            assertEquals(x.description(), y.description(), where + ": description");
            assertEquals(x.inclusiveJets(), y.inclusiveJets(), where + ": number of inclusive jets");
            assertEquals(x.jets().size(), y.jets().size(), where + ": number of jets above ptmin");
            List<Jet> xs = canonical(x.jets());
            List<Jet> ys = canonical(y.jets());
            for (int k = 0; k < xs.size(); k++) {
                Jet a = xs.get(k);
                Jet b = ys.get(k);
                String jet = where + ", jet with constituent " + sorted(a.constituents())[0];
                assertArrayEquals(sorted(a.constituents()), sorted(b.constituents()), jet + ": constituents");
                double scale = Math.max(Math.abs(a.e()), Math.max(Math.abs(a.px()), Math.max(Math.abs(a.py()),
                        Math.abs(a.pz()))));
                double tol = relTol * scale;
                assertTrue(Math.abs(a.px() - b.px()) <= tol && Math.abs(a.py() - b.py()) <= tol
                        && Math.abs(a.pz() - b.pz()) <= tol && Math.abs(a.e() - b.e()) <= tol,
                        () -> String.format(Locale.ROOT, "%s: FastJet (%.17g, %.17g, %.17g, %.17g), ours (%.17g, "
                                + "%.17g, %.17g, %.17g)", jet, a.px(), a.py(), a.pz(), a.e(), b.px(), b.py(), b.pz(),
                                b.e()));
            }
        }
    }

    private static List<Jet> canonical(List<Jet> jets) {
        List<Jet> out = new ArrayList<>(jets);
        out.sort(Comparator.comparingInt(j -> sorted(j.constituents())[0]));
        return out;
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
