package org.mlpf.jets;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live comparison with the installed FastJet on the real Pythia events shipped with Debian's
 * {@code fastjet-examples} (read in place, never copied into the project): every event of
 * {@code Pythia-PtMin1000-LHC-10ev.dat}, the three {@code Pythia-*-pileup-1ev.dat} events (hard scatter plus
 * pileup vertices, 3000-3600 particles) and {@code single-event.dat}; anti-kt, kt and Cambridge/Aachen at
 * R = 0.4 and 0.8, all inclusive jets (ptmin 0), and every strategy forced on one pileup event. Jets must agree
 * to 1e-9 relative with the same constituents.
 *
 * <p>Skipped without FastJet unless {@code MLPF_REQUIRE_FASTJET=1}. The examples directory is
 * {@code $MLPF_FASTJET_EXAMPLES}, else {@code PREFIX/share/doc/fastjet-examples/examples} with PREFIX from
 * {@code fastjet-config --prefix}.
 */
class FastJetLiveTest {
    private static final List<String> FILES = List.of("Pythia-PtMin1000-LHC-10ev.dat", "Pythia-Z2jets-lhc-pileup-1ev.dat",
            "Pythia-Zp2jets-lhc-pileup-1ev.dat", "Pythia-dijet-ptmin100-lhc-pileup-1ev.dat", "single-event.dat");

    static Stream<Arguments> everyFileAlgorithmAndR() {
        List<Arguments> out = new ArrayList<>();
        for (String f : FILES) {
            for (JetAlgorithm alg : JetAlgorithm.values()) {
                for (double r : new double[] {0.4, 0.8}) {
                    out.add(Arguments.of(f, alg, r, "best"));
                }
            }
        }
        for (Strategy s : Strategy.values()) {
            if (s != Strategy.BEST && s != Strategy.N3_DUMB) {
                out.add(Arguments.of("Pythia-Zp2jets-lhc-pileup-1ev.dat", JetAlgorithm.ANTIKT, 0.4, s.fastJetName()));
                out.add(Arguments.of("Pythia-Zp2jets-lhc-pileup-1ev.dat", JetAlgorithm.CAMBRIDGE, 0.8, s.fastJetName()));
            }
        }
        out.add(Arguments.of("single-event.dat", JetAlgorithm.ANTIKT, 0.4, Strategy.N3_DUMB.fastJetName()));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} R={2} {3}")
    @MethodSource("everyFileAlgorithmAndR")
    void jetsEqualFastJetsOnPythiaEvents(String file, JetAlgorithm alg, double r, String strategy) {
        Path input = examples().resolve(file);
        Strategy s = strategy.equals("best") ? Strategy.BEST : Strategy.fromName(strategy);
        List<FastJetReference.EventJets> fastjet = FastJetReference.parse(
                FastJetReference.runDriver(input, alg, r, 0.0, strategy));
        List<FastJetReference.EventJets> ours = FastJetReference.ours(input,
                new JetDefinition(alg, r, RecombinationScheme.E_SCHEME, s), 0.0);
        FastJetReference.assertSameJets(fastjet, ours, 1e-9, file + " " + alg.cliName() + " R=" + r + " " + strategy);
    }

    /** FastJet's example directory; skips (or fails, when FastJet is required) if it is not there. */
    private static Path examples() {
        FastJetReference.driver();
        String env = System.getenv("MLPF_FASTJET_EXAMPLES");
        Path dir;
        if (env != null && !env.isBlank()) {
            dir = Path.of(env);
        } else {
            try {
                String prefix = FastJetReference.run(List.of("fastjet-config", "--prefix"), 30).strip();
                dir = Path.of(prefix, "share", "doc", "fastjet-examples", "examples");
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (!Files.isRegularFile(dir.resolve(FILES.get(0)))) {
            String why = "FastJet's example events are not in " + dir + " (Debian package fastjet-examples, or set "
                    + "MLPF_FASTJET_EXAMPLES)";
            if (FastJetReference.required()) {
                fail(FastJetReference.REQUIRE_ENV + "=1 but " + why);
            }
            Assumptions.abort(why);
        }
        return dir;
    }
}
