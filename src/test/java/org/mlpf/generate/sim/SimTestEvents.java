package org.mlpf.generate.sim;

import java.util.SplittableRandom;

import org.mlpf.physics.GenEvent;
import org.mlpf.physics.Kinematics;
import org.mlpf.physics.ParticleData;

/**
 * Hand-made generator events for the simulation tests (the project's generator is built elsewhere): single-particle
 * guns and a busy event (jet-like sprays, a lepton and a neutrino, plus minimum-bias-like pileup from vertices
 * spread along z). Neutral pions are decayed to two photons with proper kinematics, so 4-momentum is conserved.
 */
public final class SimTestEvents {
    private SimTestEvents() {
    }

    /** Appends one final-state particle of species {@code pdg} at vertex (0, 0, vz) and returns its index. */
    public static int particle(GenEvent ev, int pdg, double pt, double eta, double phi, double vz, int vertexId) {
        double m = ParticleData.mass(pdg);
        double px = pt * Math.cos(phi);
        double py = pt * Math.sin(phi);
        double pz = pt * Math.sinh(eta);
        double e = Math.sqrt(px * px + py * py + pz * pz + m * m);
        return ev.add(pdg, ParticleData.charge(pdg), 1, px, py, pz, e, 0, 0, vz, vertexId, -1);
    }

    /** A single-particle gun event: pT flat in [ptMin, ptMax], eta flat in [-etaMax, etaMax], vertex z ~ N(0, 4.5). */
    public static GenEvent gun(GenEvent ev, SplittableRandom rng, int pdg, double ptMin, double ptMax, double etaMax) {
        ev.reset();
        double pt = ptMin + (ptMax - ptMin) * rng.nextDouble();
        double eta = -etaMax + 2 * etaMax * rng.nextDouble();
        double phi = -Math.PI + 2 * Math.PI * rng.nextDouble();
        double vz = 4.5 * rng.nextGaussian();
        if (Math.abs(pdg) == 111) {
            pi0(ev, pt, eta, phi, vz, 0, rng);
        } else {
            particle(ev, pdg, pt, eta, phi, vz, 0);
        }
        return ev;
    }

    /**
     * A busy event: {@code jets} jet-like sprays (pT 30-150 GeV, 15-35 constituents sharing the pT, angular width
     * ~0.08), an electron, a muon and a neutrino from the hard vertex, and {@code pileup} soft interactions of ~70
     * particles each (pT exponential with mean 0.45 GeV above 0.1 GeV, |eta| < 5) at vertices z ~ N(0, 4.5 cm).
     */
    public static GenEvent busy(GenEvent ev, SplittableRandom rng, int jets, int pileup) {
        ev.reset();
        double pvz = 4.5 * rng.nextGaussian();
        for (int j = 0; j < jets; j++) {
            double jetPt = 30 + 120 * rng.nextDouble();
            double jetEta = -2.6 + 5.2 * rng.nextDouble();
            double jetPhi = -Math.PI + 2 * Math.PI * rng.nextDouble();
            int n = 15 + rng.nextInt(21);
            double[] w = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                w[k] = -Math.log(1 - rng.nextDouble());
                sum += w[k];
            }
            for (int k = 0; k < n; k++) {
                double pt = jetPt * w[k] / sum;
                double width = 0.08 * Math.min(3, Math.sqrt(5 / Math.max(pt, 0.2)));
                double eta = jetEta + width * rng.nextGaussian();
                double phi = Kinematics.deltaPhi(jetPhi + width * rng.nextGaussian(), 0);
                hadron(ev, rng, pt, eta, phi, pvz, 0);
            }
        }
        particle(ev, rng.nextBoolean() ? 11 : -11, 25 + 20 * rng.nextDouble(), -2 + 4 * rng.nextDouble(),
                -Math.PI + 2 * Math.PI * rng.nextDouble(), pvz, 0);
        particle(ev, rng.nextBoolean() ? 13 : -13, 20 + 30 * rng.nextDouble(), -2 + 4 * rng.nextDouble(),
                -Math.PI + 2 * Math.PI * rng.nextDouble(), pvz, 0);
        particle(ev, 12, 40, rng.nextGaussian(), -Math.PI + 2 * Math.PI * rng.nextDouble(), pvz, 0);
        for (int v = 1; v <= pileup; v++) {
            double z = 4.5 * rng.nextGaussian();
            int n = 50 + rng.nextInt(41);
            for (int k = 0; k < n; k++) {
                double pt = 0.1 - 0.45 * Math.log(1 - rng.nextDouble());
                hadron(ev, rng, pt, -5 + 10 * rng.nextDouble(), -Math.PI + 2 * Math.PI * rng.nextDouble(), z, v);
            }
        }
        ev.setNumPileup(pileup);
        return ev;
    }

    /** A jet or pileup constituent: 55% pi+-, 25% pi0 (decayed), 8% K+-, 4% K0L, 4% p/pbar, 4% n/nbar. */
    private static void hadron(GenEvent ev, SplittableRandom rng, double pt, double eta, double phi, double vz, int v) {
        double u = rng.nextDouble();
        int sign = rng.nextBoolean() ? 1 : -1;
        if (u < 0.55) {
            particle(ev, sign * 211, pt, eta, phi, vz, v);
        } else if (u < 0.80) {
            pi0(ev, pt, eta, phi, vz, v, rng);
        } else if (u < 0.88) {
            particle(ev, sign * 321, pt, eta, phi, vz, v);
        } else if (u < 0.92) {
            particle(ev, 130, pt, eta, phi, vz, v);
        } else if (u < 0.96) {
            particle(ev, sign * 2212, pt, eta, phi, vz, v);
        } else {
            particle(ev, sign * 2112, pt, eta, phi, vz, v);
        }
    }

    /** A pi0 (status 2) and its two decay photons, isotropic in the pi0 rest frame. */
    public static void pi0(GenEvent ev, double pt, double eta, double phi, double vz, int v, SplittableRandom rng) {
        int mother = particle(ev, 111, pt, eta, phi, vz, v);
        ev.setDecayed(mother);
        double m = ParticleData.mass(111);
        double e = ev.e(mother);
        double bx = ev.px(mother) / e;
        double by = ev.py(mother) / e;
        double bz = ev.pz(mother) / e;
        double cost = 2 * rng.nextDouble() - 1;
        double sint = Math.sqrt(1 - cost * cost);
        double ph = 2 * Math.PI * rng.nextDouble();
        double k = m / 2;
        double[] d = {k * sint * Math.cos(ph), k * sint * Math.sin(ph), k * cost};
        for (int s = -1; s <= 1; s += 2) {
            double qx = s * d[0];
            double qy = s * d[1];
            double qz = s * d[2];
            double b2 = bx * bx + by * by + bz * bz;
            double g = 1 / Math.sqrt(1 - b2);
            double bp = bx * qx + by * qy + bz * qz;
            double g2 = b2 > 0 ? (g - 1) / b2 : 0;
            double ox = qx + g2 * bp * bx + g * bx * k;
            double oy = qy + g2 * bp * by + g * by * k;
            double oz = qz + g2 * bp * bz + g * bz * k;
            double oe = g * (k + bp);
            ev.add(22, 0, 1, ox, oy, oz, oe, 0, 0, vz, v, mother);
        }
    }
}
