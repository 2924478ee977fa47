package org.mlpf.jets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlpf.testing.ProjectFiles;

/**
 * Always-on comparison with FastJet through golden files: our own deterministic events
 * ({@code src/test/resources/jets/events/}, made by {@link SyntheticEvents}) and the jets real FastJet 3.4 found
 * in them ({@code src/test/resources/jets/golden/}, output of {@code src/test/cpp/fastjet_jets.cc}). The events
 * cover every strategy FastJet picks below a few thousand particles, the kt and Cambridge/Aachen algorithms,
 * R = 0.4 and 0.8, and exactly degenerate configurations, where each strategy's tie-breaking shows.
 *
 * <p>Regenerate both (needs FastJet, see {@code jobs/install-test-deps}):
 * {@code mvn test -Dtest=GoldenJetsTest -Dmlpf.regenerate=true}. With FastJet installed, one test also checks
 * that the committed goldens still are FastJet's answer.
 */
class GoldenJetsTest {
    private static final Path EVENTS = ProjectFiles.file("src/test/resources/jets/events");
    private static final Path GOLDEN = ProjectFiles.file("src/test/resources/jets/golden");
    private static final boolean REGENERATE = Boolean.getBoolean("mlpf.regenerate");

    /** One golden file: FastJet's jets for an events file with one jet definition. */
    record Spec(String events, JetAlgorithm algorithm, double r, String strategy, double ptmin) {
        String fileName() {
            return events.replace(".dat", "") + "." + algorithm.cliName() + ".R" + r + "." + strategy + ".txt";
        }

        JetDefinition definition() {
            Strategy s = strategy.equals("best") ? Strategy.BEST : Strategy.fromName(strategy);
            return new JetDefinition(algorithm, r, RecombinationScheme.E_SCHEME, s);
        }

        @Override
        public String toString() {
            return fileName();
        }
    }

    /** The events files and how they are made (seeds fixed forever: changing them changes the goldens). */
    static Map<String, String> eventFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("small.dat", SyntheticEvents.format("""
                small events, made by SyntheticEvents (test sources); one particle, two identical particles, \
                a small degenerate event, 35, 45 and 300 particles, an empty event""", List.of(
                List.of(new double[] {3.0, 4.0, 12.0, 13.0}),
                List.of(new double[] {1.0, 1.0, 1.0, 2.0}, new double[] {1.0, 1.0, 1.0, 2.0}),
                SyntheticEvents.smallDegenerateEvent(11),
                SyntheticEvents.eventOfSize(12, 1, 35),
                SyntheticEvents.eventOfSize(13, 2, 45),
                SyntheticEvents.eventOfSize(14, 2, 300),
                List.of())));
        files.put("pileup.dat", SyntheticEvents.format("""
                hard jets on soft pileup-like particles, made by SyntheticEvents (test sources): 900 particles \
                with 3 hard jets, 1700 with 4""", List.of(
                SyntheticEvents.eventOfSize(21, 3, 900),
                SyntheticEvents.eventOfSize(22, 4, 1700))));
        files.put("degenerate.dat", SyntheticEvents.format("""
                exactly degenerate events, made by SyntheticEvents (test sources): duplicated particles, a grid of \
                equal calorimeter towers, particles along the beam and at rest, mirror pairs""", List.of(
                SyntheticEvents.degenerateEvent(31, 3, 350),
                SyntheticEvents.degenerateEvent(32, 1, 20))));
        return files;
    }

    static List<Spec> specs() {
        List<Spec> specs = new ArrayList<>();
        for (String events : List.of("small.dat", "pileup.dat", "degenerate.dat")) {
            for (JetAlgorithm alg : JetAlgorithm.values()) {
                for (double r : new double[] {0.4, 0.8}) {
                    // Soft jets of the large events are left out of the files to keep them small; their number is
                    // still compared.
                    specs.add(new Spec(events, alg, r, "best", events.equals("small.dat") ? 0.0 : 5.0));
                }
            }
        }
        for (Strategy s : Strategy.values()) {
            if (s != Strategy.BEST) {
                specs.add(new Spec("degenerate.dat", JetAlgorithm.ANTIKT, 0.4, s.fastJetName(), 5.0));
                specs.add(new Spec("degenerate.dat", JetAlgorithm.CAMBRIDGE, 0.4, s.fastJetName(), 5.0));
                specs.add(new Spec("small.dat", JetAlgorithm.KT, 0.4, s.fastJetName(), 1.0));
            }
        }
        return specs;
    }

    static Stream<Spec> specStream() {
        if (REGENERATE) {
            regenerate();
        }
        return specs().stream();
    }

    @Test
    void eventFilesAreWhatTheGeneratorMakes() throws IOException {
        if (REGENERATE) {
            regenerate();
        }
        for (Map.Entry<String, String> f : eventFiles().entrySet()) {
            assertEquals(f.getValue(), Files.readString(EVENTS.resolve(f.getKey())), f.getKey()
                    + " differs from SyntheticEvents' output: regenerate with mvn test -Dtest=GoldenJetsTest "
                    + "-Dmlpf.regenerate=true");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specStream")
    void jetsEqualFastJetsGolden(Spec spec) throws IOException {
        List<FastJetReference.EventJets> golden = FastJetReference.parse(Files.readString(GOLDEN.resolve(spec.fileName())));
        List<FastJetReference.EventJets> ours = FastJetReference.ours(EVENTS.resolve(spec.events()), spec.definition(),
                spec.ptmin());
        FastJetReference.assertSameJets(golden, ours, 1e-9, spec.fileName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specStream")
    void goldenIsStillFastJetsAnswer(Spec spec) throws IOException {
        String live = FastJetReference.runDriver(EVENTS.resolve(spec.events()), spec.algorithm(), spec.r(),
                spec.ptmin(), spec.strategy());
        FastJetReference.assertSameJets(FastJetReference.parse(live),
                FastJetReference.parse(Files.readString(GOLDEN.resolve(spec.fileName()))), 0.0, spec.fileName());
    }

    private static boolean regenerated;

    /** Rewrites the events files from the generator and the goldens from the installed FastJet. */
    private static synchronized void regenerate() {
        if (regenerated) {
            return;
        }
        try {
            Files.createDirectories(EVENTS);
            Files.createDirectories(GOLDEN);
            for (Map.Entry<String, String> f : eventFiles().entrySet()) {
                Files.writeString(EVENTS.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
            for (Spec s : specs()) {
                String out = FastJetReference.runDriver(EVENTS.resolve(s.events()), s.algorithm(), s.r(), s.ptmin(),
                        s.strategy());
                String header = String.format(Locale.ROOT, "# FastJet %s output of src/test/cpp/fastjet_jets.cc "
                                + "--input src/test/resources/jets/events/%s --algorithm %s --R %s --ptmin %s "
                                + "--strategy %s%n# regenerate: mvn test -Dtest=GoldenJetsTest -Dmlpf.regenerate=true%n",
                        fastJetVersion(), s.events(), s.algorithm().cliName(), s.r(), s.ptmin(), s.strategy());
                Files.writeString(GOLDEN.resolve(s.fileName()), header + out, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("regenerating the jet goldens failed: " + e.getMessage(), e);
        }
        regenerated = true;
    }

    private static String fastJetVersion() throws IOException {
        return FastJetReference.run(List.of("fastjet-config", "--version"), 30).strip();
    }
}
