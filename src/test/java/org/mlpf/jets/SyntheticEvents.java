package org.mlpf.jets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic events for the jet tests and benchmarks, written in FastJet's text format
 * ({@code px py pz E} per line, {@code #END} between events): a few hard jets (collimated sprays of pions,
 * photons and kaons with a steeply falling momentum sharing) on top of soft pileup-like particles flat in
 * rapidity |y| &lt; 5, plus, on request, exactly degenerate configurations (duplicated particles, a grid of equal
 * calorimeter towers, particles along the beam or at rest, mirror images).
 *
 * <p>Only {@link StrictMath} and {@link SplittableRandom} are used, so the files are identical on every JVM.
 * Numbers are written with 10 significant digits, like FastJet's example files, rounded exactly; the written
 * decimal is the input (Java and C read it to the same double), and exact duplicates and mirror images stay exact.
 * {@code main} writes the timing inputs: {@code java ... SyntheticEvents DIR N1 N2 ...}.
 */
public final class SyntheticEvents {
    private static final double PION = 0.13957039;
    private static final double KAON = 0.493677;
    private static final double TWO_PI = 2 * Math.PI;
    private static final MathContext TEN_DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);

    private final SplittableRandom rng;
    private final List<double[]> particles = new ArrayList<>();

    private SyntheticEvents(long seed) {
        this.rng = new SplittableRandom(seed);
    }

    /** An event with {@code hardJets} hard jets and about {@code soft} soft particles. */
    public static List<double[]> event(long seed, int hardJets, int soft) {
        SyntheticEvents g = new SyntheticEvents(seed);
        for (int j = 0; j < hardJets; j++) {
            g.hardJet();
        }
        for (int i = 0; i < soft; i++) {
            g.softParticle();
        }
        return g.particles;
    }

    /** As {@link #event} with soft particles added until the event has exactly {@code n} particles. */
    public static List<double[]> eventOfSize(long seed, int hardJets, int n) {
        SyntheticEvents g = new SyntheticEvents(seed);
        for (int j = 0; j < hardJets && g.particles.size() < n; j++) {
            g.hardJet();
        }
        while (g.particles.size() > n) {
            g.particles.remove(g.particles.size() - 1);
        }
        while (g.particles.size() < n) {
            g.softParticle();
        }
        return g.particles;
    }

    /**
     * A hard event with exactly degenerate pieces: every 7th particle duplicated, a patch of equal-E_T towers on
     * a regular (eta, phi) grid (so that many pair distances are equal), particles along the beam (pt = 0,
     * massless and massive) and at rest, and mirror pairs (py and -py) around phi = 0.
     */
    public static List<double[]> degenerateEvent(long seed, int hardJets, int soft) {
        SyntheticEvents g = new SyntheticEvents(seed);
        for (int j = 0; j < hardJets; j++) {
            g.hardJet();
        }
        for (int i = 0; i < soft; i++) {
            g.softParticle();
        }
        int n = g.particles.size();
        for (int i = 0; i < n; i += 7) {
            g.particles.add(g.particles.get(i).clone());
        }
        for (int ie = -6; ie < 6; ie++) {
            for (int ip = 0; ip < 24; ip++) {
                double eta = ie * 0.087 + 0.0435;
                double phi = 1.0 + ip * TWO_PI / 72;
                g.add(2.0, eta, phi, 0.0);
            }
        }
        g.particles.add(new double[] {0, 0, 25, 25});
        g.particles.add(new double[] {0, 0, -25, 25});
        g.particles.add(new double[] {0, 0, 40, 41});
        g.particles.add(new double[] {0, 0, 0, 0});
        g.particles.add(new double[] {0, 0, 0, PION});
        for (int k = 1; k <= 6; k++) {
            double px = 3.0 + k;
            double py = 0.05 * k;
            double pz = 1.5 * k - 4;
            double e = StrictMath.sqrt(px * px + py * py + pz * pz + PION * PION);
            g.particles.add(new double[] {px, py, pz, e});
            g.particles.add(new double[] {px, -py, pz, e});
        }
        return g.particles;
    }

    private void hardJet() {
        double ptJet = 30 * StrictMath.exp(rng.nextDouble() * StrictMath.log(20));
        double yJet = -2.5 + 5 * rng.nextDouble();
        double phiJet = TWO_PI * rng.nextDouble();
        int n = 8 + (int) (ptJet / 12) + rng.nextInt(8);
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            // Steeply falling sharing: a few leading particles carry most of the momentum.
            w[i] = StrictMath.pow(rng.nextDouble(), 3) + 1e-3;
            sum += w[i];
        }
        for (int i = 0; i < n; i++) {
            double z = w[i] / sum;
            double spread = 0.02 + 0.12 * (1 - z) * rng.nextDouble();
            double y = yJet + spread * gaussian();
            double phi = phiJet + spread * gaussian();
            double r = rng.nextDouble();
            double m = r < 0.7 ? PION : r < 0.9 ? 0.0 : KAON;
            add(ptJet * z, y, phi, m);
        }
    }

    private void softParticle() {
        double pt = 0.1 - 0.5 * StrictMath.log(1 - rng.nextDouble());
        double y = -5 + 10 * rng.nextDouble();
        double phi = TWO_PI * rng.nextDouble();
        add(pt, y, phi, rng.nextDouble() < 0.75 ? PION : 0.0);
    }

    private double gaussian() {
        // Box-Muller with StrictMath: reproducible on every JVM.
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(TWO_PI * v);
    }

    private void add(double pt, double y, double phi, double m) {
        double mt = StrictMath.sqrt(pt * pt + m * m);
        particles.add(new double[] {pt * StrictMath.cos(phi), pt * StrictMath.sin(phi), mt * StrictMath.sinh(y),
            mt * StrictMath.cosh(y)});
    }

    /**
     * A small event (about 20 particles) of nothing but degenerate pieces: duplicated particles, a 3 x 3 patch of
     * equal towers, particles along the beam and at rest, a mirror pair, and two particles at the same (y, phi)
     * with different pt.
     */
    public static List<double[]> smallDegenerateEvent(long seed) {
        SyntheticEvents g = new SyntheticEvents(seed);
        g.hardJet();
        while (g.particles.size() > 4) {
            g.particles.remove(g.particles.size() - 1);
        }
        for (int i = 0; i < 3; i++) {
            g.particles.add(g.particles.get(i).clone());
        }
        for (int ie = 0; ie < 3; ie++) {
            for (int ip = 0; ip < 3; ip++) {
                g.add(1.5, -1.0 + ie * 0.087, 4.0 + ip * TWO_PI / 72, 0.0);
            }
        }
        g.particles.add(new double[] {0, 0, 12, 12});
        g.particles.add(new double[] {0, 0, -12, 12});
        g.particles.add(new double[] {0, 0, 0, 0});
        g.particles.add(new double[] {2, 0.5, 1, StrictMath.sqrt(5.25)});
        g.particles.add(new double[] {2, -0.5, 1, StrictMath.sqrt(5.25)});
        g.add(3.0, 0.3, 2.0, PION);
        g.add(6.0, 0.3, 2.0, PION);
        return g.particles;
    }

    /** The events as FastJet's text format, with a comment header. */
    public static String format(String header, List<List<double[]>> events) {
        StringBuilder sb = new StringBuilder();
        for (String line : header.split("\n")) {
            sb.append("# ").append(line).append('\n');
        }
        for (List<double[]> ev : events) {
            for (double[] p : ev) {
                sb.append(decimal(p[0])).append(' ').append(decimal(p[1])).append(' ').append(decimal(p[2])).append(' ')
                        .append(decimal(p[3])).append('\n');
            }
            sb.append("#END\n");
        }
        return sb.toString();
    }

    /**
     * {@code v} rounded to 10 significant digits, exactly (BigDecimal, half-even), so that the text does not depend
     * on the JDK's floating-point formatting.
     */
    static String decimal(double v) {
        return v == 0 ? "0" : new BigDecimal(v).round(TEN_DIGITS).toString();
    }

    /** Writes one timing event per size N into DIR/synthetic-N.dat: 4 hard jets plus soft particles. */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try {
            Files.createDirectories(dir);
            for (int k = 1; k < args.length; k++) {
                int n = Integer.parseInt(args[k]);
                List<double[]> ev = eventOfSize(1000 + n, 4, n);
                Path f = dir.resolve("synthetic-" + n + ".dat");
                Files.writeString(f, format("synthetic timing event: 4 hard jets plus soft particles, "
                        + ev.size() + " particles", List.of(ev)), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
