package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import org.mlpf.physics.GenEvent;

/**
 * Decays unstable particles of an event record with the channels of {@link DecayTable}: the parent gets status
 * 2, its daughters (status 1, parent index set) start at its decay point, which lies a flight length
 * {@code (p/m) c tau * Exp(1)} along its momentum for weakly decaying species (K0S, Lambda, hyperons, charm and
 * bottom hadrons, tau) and at its production point otherwise. Daughters are generated in the parent's rest frame
 * and boosted, so each decay conserves four-momentum to rounding. Holds scratch arrays: one instance per thread.
 */
final class Decayer {
    /** A daughter's Breit-Wigner mass keeps this margin above its own decay threshold, GeV. */
    private static final double THRESHOLD_MARGIN = 1e-3;
    /** Resonances produced by fragmentation are truncated at this many widths above their pole. */
    private static final double BW_UPPER_WIDTHS = 5;
    /** Give up a decay (leaving the particle stable) after this many attempts to fit the daughters' masses. */
    private static final int MAX_ATTEMPTS = 100;
    // Decay thresholds of the broad resonances, looked up for every Breit-Wigner mass.
    private static final double RHO_MIN = minimumMass(Species.RHO);
    private static final double RHO0_MIN = minimumMass(Species.RHO0);
    private static final double KSTAR_MIN = minimumMass(Species.KSTAR);
    private static final double KSTAR0_MIN = minimumMass(Species.KSTAR0);
    private static final double A1_MIN = minimumMass(Species.A1);

    private final PhaseSpace phaseSpace = new PhaseSpace();
    private final double[] masses = new double[PhaseSpace.MAX_BODIES];
    private final int[] ids = new int[PhaseSpace.MAX_BODIES];
    private final double[] mom = new double[4 * PhaseSpace.MAX_BODIES];

    /** Decays every undecayed unstable particle from index {@code from} on, including daughters made meanwhile. */
    void decayAll(EventRecord rec, int from, SplittableRandom rng) {
        GenEvent ev = rec.event();
        for (int i = from; i < rec.size(); i++) {
            if (ev.status(i) == 1 && DecayTable.isUnstable(ev.pdgId(i))) {
                decay(rec, i, rng, false);
            }
        }
    }

    /**
     * Decays particle {@code i} (status 1, unstable species); with {@code hadronicOnly} only channels without a
     * charged lepton are used (the forced hadronic tau decays of the Z -> tau tau sample).
     */
    void decay(EventRecord rec, int i, SplittableRandom rng, boolean hadronicOnly) {
        GenEvent ev = rec.event();
        int pdg = ev.pdgId(i);
        double m = rec.mass(i);
        int channel = -1;
        int n = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && channel < 0; attempt++) {
            int c = DecayTable.pick(pdg, rng.nextDouble(), hadronicOnly);
            n = DecayTable.numDaughters(c);
            if (chooseMasses(c, n, pdg < 0, m, rng)) {
                channel = c;
            }
        }
        if (channel < 0) {
            // No channel fits (a resonance made at the very bottom of its mass range): it stays as it is.
            return;
        }
        if (DecayTable.matrixElement(channel) == DecayTable.ME_VA) {
            generateVA(m, n, rng);
        } else {
            phaseSpace.nBody(rng, m, n, masses, mom);
        }
        double px = ev.px(i);
        double py = ev.py(i);
        double pz = ev.pz(i);
        double e = ev.e(i);
        double vx = ev.vx(i);
        double vy = ev.vy(i);
        double vz = ev.vz(i);
        double ctau = Species.ctau(pdg);
        if (ctau > 0) {
            // Flight length (p/m) c tau t with t ~ Exp(1), along the momentum.
            double f = ctau * RandomVariates.exponential(rng) / m;
            vx += f * px;
            vy += f * py;
            vz += f * pz;
        }
        int vertex = ev.vertexId(i);
        ev.setDecayed(i);
        for (int k = 0; k < n; k++) {
            Lorentz.boost(mom, 4 * k, px, py, pz, e, m);
            int o = 4 * k;
            rec.add(ids[k], mom[o], mom[o + 1], mom[o + 2], mom[o + 3], masses[k], vx, vy, vz, vertex, i);
        }
    }

    /**
     * Fills {@link #ids} and {@link #masses} for a channel; resonant daughters get Breit-Wigner masses that fit in
     * the parent's mass. Returns false if the channel is closed for this parent mass.
     */
    private boolean chooseMasses(int channel, int n, boolean anti, double m, SplittableRandom rng) {
        double sumMin = 0;
        for (int k = 0; k < n; k++) {
            int d = DecayTable.daughter(channel, k);
            ids[k] = anti ? Species.conjugate(d) : d;
            masses[k] = Species.mass(d);
            sumMin += Species.width(d) > 0 ? minimumMassCached(d) : masses[k];
        }
        if (sumMin >= m) {
            return false;
        }
        double used = 0;
        for (int k = 0; k < n; k++) {
            int d = ids[k];
            double w = Species.width(d);
            if (w > 0) {
                double lo = minimumMassCached(d);
                double restMin = sumMin - lo;
                double hi = m - used - restMin - THRESHOLD_MARGIN;
                if (hi <= lo) {
                    return false;
                }
                masses[k] = RandomVariates.breitWigner(rng, Species.mass(d), w, lo, hi);
                sumMin -= lo;
                used += masses[k];
            } else {
                sumMin -= masses[k];
                used += masses[k];
            }
        }
        return used < m;
    }

    /** The lightest mass a resonance can have and still decay: its lightest channel's threshold plus a margin. */
    static double minimumMass(int pdg) {
        int first = DecayTable.firstChannel(pdg);
        double best = Double.MAX_VALUE;
        for (int c = first; c < first + DecayTable.numChannels(pdg); c++) {
            double s = 0;
            for (int k = 0; k < DecayTable.numDaughters(c); k++) {
                int d = DecayTable.daughter(c, k);
                s += Species.width(d) > 0 ? minimumMass(d) : Species.mass(d);
            }
            best = Math.min(best, s);
        }
        return best + THRESHOLD_MARGIN;
    }

    /** Breit-Wigner mass of a resonance made by fragmentation: between its threshold and pole + 5 widths. */
    static double resonanceMass(int pdg, SplittableRandom rng) {
        double m0 = Species.mass(pdg);
        double w = Species.width(pdg);
        if (w == 0) {
            return m0;
        }
        return RandomVariates.breitWigner(rng, m0, w, minimumMassCached(pdg), m0 + BW_UPPER_WIDTHS * w);
    }

    private static double minimumMassCached(int pdg) {
        return switch (Math.abs(pdg)) {
            case Species.RHO -> RHO_MIN;
            case Species.RHO0 -> RHO0_MIN;
            case Species.KSTAR -> KSTAR_MIN;
            case Species.KSTAR0 -> KSTAR0_MIN;
            case Species.A1 -> A1_MIN;
            default -> minimumMass(pdg);
        };
    }

    /**
     * Phase space weighted with the V-A matrix element (P . d_last)(d_0 . d_last-1), by accept-reject against a
     * bound from the kinematic limits of the two products.
     */
    private void generateVA(double m, int n, SplittableRandom rng) {
        double restMass = 0;
        for (int k = 0; k < n - 1; k++) {
            restMass += masses[k];
        }
        double mLast = masses[n - 1];
        double m0 = masses[0];
        double ml = masses[n - 2];
        double bound1 = (m * m - restMass * restMass + mLast * mLast) / 2;
        double mx = m - mLast;
        double bound2 = (mx * mx - m0 * m0 - ml * ml) / 2;
        double wmax = bound1 * bound2;
        int last = 4 * (n - 1);
        int lep = 4 * (n - 2);
        while (true) {
            phaseSpace.nBody(rng, m, n, masses, mom);
            // Parent at rest: P . d = m E_d.
            double w = m * mom[last + 3] * Lorentz.dot(mom, 0, mom, lep);
            if (rng.nextDouble() * wmax <= w) {
                return;
            }
        }
    }
}
