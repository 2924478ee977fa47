package org.mlpf.generate.gen;

import java.util.SplittableRandom;

import org.mlpf.physics.GenEvent;

import static org.mlpf.generate.gen.GeneratorParameters.BEAM_SPOT_SIGMA_XY;
import static org.mlpf.generate.gen.GeneratorParameters.BEAM_SPOT_SIGMA_Z;
import static org.mlpf.generate.gen.GeneratorParameters.GUN_ETA_MAX;
import static org.mlpf.generate.gen.GeneratorParameters.ISR_PT_MIN;
import static org.mlpf.generate.gen.GeneratorParameters.ISR_QUARK_FRACTION;
import static org.mlpf.generate.gen.GeneratorParameters.SHOWER_MAX_ANGLE;
import static org.mlpf.generate.gen.GeneratorParameters.SQRT_S;
import static org.mlpf.generate.gen.GeneratorParameters.UE_MULTIPLICITY_SCALE;

/**
 * The event generator's engine, one per thread (it owns every scratch buffer, so the hot loops allocate
 * nothing): hard process in its Born frame, initial-state radiation and the recoil it gives the Born system,
 * final-state parton shower, independent fragmentation, the underlying event, momentum reshuffling of all
 * hadrons of the hard scatter to its exact incoming four-momentum, then pileup interactions and the decays of
 * every unstable particle. All randomness comes from the caller's generator.
 */
final class EventGenerator {
    /** The physics processes of the hard scatter. */
    enum Process { TTBAR, QCD, ZTAUTAU }

    private static final ThreadLocal<EventGenerator> INSTANCE = ThreadLocal.withInitial(EventGenerator::new);
    private static final double ALPHA_ISR_MAX = Pdfs.alphaS(ISR_PT_MIN);
    /** Give up a hard scatter whose kinematics fail (x > 1, or no room for the hadrons) after this many tries. */
    private static final int MAX_TRIES = 1000;
    /**
     * Largest change of the hadrons' rest-frame momenta the reshuffling may make (10%). Beyond it (a jet whose
     * hadrons outweigh a nearly massless parton system, with a sparse underlying event: ~1% of Z + jet events),
     * fragmentation and underlying event are redone, up to {@link #HADRONIZATION_TRIES} times, then the hard scatter.
     */
    private static final double RESHUFFLE_TOLERANCE = 0.1;
    private static final int HADRONIZATION_TRIES = 10;

    private final EventRecord rec = new EventRecord();
    private final Decayer decayer = new Decayer();
    private final HardProcesses hard = new HardProcesses();
    private final HardState hs = new HardState();
    private final PartonShower shower = new PartonShower();
    private final Fragmentation fragmentation = new Fragmentation();
    private final SoftInteraction soft = new SoftInteraction();
    private final ParticleBuffer hadrons = new ParticleBuffer();
    private final ParticleBuffer pile = new ParticleBuffer();
    private final double[] vertex = new double[3];
    private final double[] gauss = new double[2];
    private final double[] cs = new double[2];
    private final double[] initial = new double[4];
    private final double[] v4 = new double[4];
    private double isrPx;
    /** Scale factor of the last momentum reshuffling (1 = the hadrons already had the right energy). */
    private double reshuffleScale = 1;
    private double isrPy;

    /** This thread's generator. */
    static EventGenerator get() {
        return INSTANCE.get();
    }

    /** The incoming four-momentum (px, py, pz, E) of the last event's vertex-0 system, GeV (a copy). */
    double[] lastInitialState() {
        return initial.clone();
    }

    /** The scale factor of the last event's momentum reshuffling (tests and diagnostics). */
    double lastReshuffleScale() {
        return reshuffleScale;
    }

    /** Generates a physics event: hard scatter and underlying event at vertex 0, then {@code pileup} interactions. */
    void generate(Process process, SplittableRandom rng, int pileup, GenEvent out) {
        rec.begin(out);
        int tries = 0;
        while (!hardScatter(process, rng)) {
            if (++tries == MAX_TRIES) {
                throw new IllegalStateException("no valid " + process + " hard scatter in " + MAX_TRIES + " tries");
            }
        }
        beamSpot(rng);
        for (int i = 0; i < hs.n; i++) {
            if (!HardState.isParton(hs.id[i])) {
                int k = rec.add(hs.id[i], hs.p[4 * i], hs.p[4 * i + 1], hs.p[4 * i + 2], hs.p[4 * i + 3], hs.m[i],
                        vertex[0], vertex[1], vertex[2], 0, -1);
                if (hs.forceHadronic[i]) {
                    decayer.decay(rec, k, rng, true);
                }
            }
        }
        for (int i = 0; i < hadrons.size; i++) {
            rec.add(hadrons.pdg[i], hadrons.px[i], hadrons.py[i], hadrons.pz[i], hadrons.e[i], hadrons.m[i],
                    vertex[0], vertex[1], vertex[2], 0, -1);
        }
        finish(rng, pileup, out);
    }

    /**
     * Generates a particle-gun event: one particle flat in pT within [ptMin, ptMax] GeV and in eta within
     * |eta| < {@link GeneratorParameters#GUN_ETA_MAX}, from the beam spot; the antiparticle half of the time if
     * {@code bothCharges}.
     */
    void generateGun(int pdg, boolean bothCharges, double ptMin, double ptMax, SplittableRandom rng, int pileup,
                     GenEvent out) {
        rec.begin(out);
        int id = bothCharges && rng.nextBoolean() ? -pdg : pdg;
        double pt = ptMin + (ptMax - ptMin) * rng.nextDouble();
        double eta = GUN_ETA_MAX * (2 * rng.nextDouble() - 1);
        RandomVariates.azimuth(rng, cs, 0);
        double m = Species.mass(id);
        double pz = pt * Math.sinh(eta);
        double e = Math.sqrt(m * m + pt * pt + pz * pz);
        beamSpot(rng);
        rec.add(id, pt * cs[0], pt * cs[1], pz, e, m, vertex[0], vertex[1], vertex[2], 0, -1);
        initial[0] = pt * cs[0];
        initial[1] = pt * cs[1];
        initial[2] = pz;
        initial[3] = e;
        finish(rng, pileup, out);
    }

    /**
     * The calibration process of shower and fragmentation: e+ e- -> q qbar at centre-of-mass energy
     * {@code sqrtS} (GeV), at rest, quark flavours in proportion to their Z couplings, 1 + cos^2 theta; no ISR, no
     * underlying event. LEP measured a mean charged multiplicity of 20.9 at the Z pole and 27.5 at 206 GeV.
     */
    void generateElectronPositron(double sqrtS, SplittableRandom rng, GenEvent out) {
        rec.begin(out);
        int tries = 0;
        while (true) {
            double down = HardProcesses.ZCOUPLING_DOWN;
            double up = HardProcesses.ZCOUPLING_UP;
            double u = rng.nextDouble() * (3 * down + 2 * up);
            int q = u < down ? 1 : u < 2 * down ? 3 : u < 3 * down ? 5 : u < 3 * down + up ? 2 : 4;
            double c;
            do {
                c = 2 * rng.nextDouble() - 1;
            } while (rng.nextDouble() * 2 > 1 + c * c);
            double s = Math.sqrt(1 - c * c);
            RandomVariates.azimuth(rng, cs, 0);
            double e = sqrtS / 2;
            shower.clear();
            shower.add(q, e, s * cs[0], s * cs[1], c, SHOWER_MAX_ANGLE, e);
            shower.add(-q, e, -s * cs[0], -s * cs[1], -c, SHOWER_MAX_ANGLE, e);
            shower.evolve(rng);
            hadrons.clear();
            fragmentShower(0, 0, 0, sqrtS, sqrtS, rng);
            reshuffleScale = MomentumReshuffle.apply(hadrons, 0, hadrons.size, 0, 0, 0, sqrtS);
            if (reshuffleScale > 0) {
                break;
            }
            if (++tries == MAX_TRIES) {
                throw new IllegalStateException("no valid e+e- event in " + MAX_TRIES + " tries");
            }
        }
        for (int i = 0; i < hadrons.size; i++) {
            rec.add(hadrons.pdg[i], hadrons.px[i], hadrons.py[i], hadrons.pz[i], hadrons.e[i], hadrons.m[i], 0, 0, 0,
                    0, -1);
        }
        initial[0] = 0;
        initial[1] = 0;
        initial[2] = 0;
        initial[3] = sqrtS;
        finish(rng, 0, out);
    }

    private void finish(SplittableRandom rng, int pileup, GenEvent out) {
        for (int k = 1; k <= pileup; k++) {
            pileupInteraction(k, rng);
        }
        out.setNumPileup(pileup);
        decayer.decayAll(rec, rec.start(), rng);
    }

    /**
     * One attempt at the vertex-0 system: Born process, ISR, boost of the Born system, shower, fragmentation,
     * underlying event and momentum reshuffling. False if the kinematics failed (then it is redone).
     */
    private boolean hardScatter(Process process, SplittableRandom rng) {
        hs.clear();
        switch (process) {
            case TTBAR -> hard.ttbar(rng, hs);
            case QCD -> hard.qcd(rng, hs);
            case ZTAUTAU -> hard.zTauTau(rng, hs);
            default -> throw new IllegalArgumentException(process.name());
        }
        hs.bornCount = hs.n;
        initialStateRadiation(rng);
        double mass = hs.bornMass;
        double mt = Math.sqrt(mass * mass + isrPx * isrPx + isrPy * isrPy);
        double fz = mt * Math.sinh(hs.bornRapidity);
        double fe = mt * Math.cosh(hs.bornRapidity);
        for (int i = 0; i < hs.bornCount; i++) {
            Lorentz.boost(hs.p, 4 * i, -isrPx, -isrPy, fz, fe, mass);
        }
        setColourPartnerAngles();

        shower.clear();
        double tx = 0;
        double ty = 0;
        double tz = 0;
        double te = 0;
        for (int i = 0; i < hs.n; i++) {
            if (HardState.isParton(hs.id[i])) {
                int o = 4 * i;
                double p = Math.sqrt(hs.p[o] * hs.p[o] + hs.p[o + 1] * hs.p[o + 1] + hs.p[o + 2] * hs.p[o + 2]);
                shower.add(hs.id[i], hs.p[o + 3], hs.p[o] / p, hs.p[o + 1] / p, hs.p[o + 2] / p, hs.thetaMax[i],
                        hs.ktMax[i]);
                tx += hs.p[o];
                ty += hs.p[o + 1];
                tz += hs.p[o + 2];
                te += hs.p[o + 3];
            }
        }
        shower.evolve(rng);
        // Fragmentation runs in the rest frame of the hard system (a longitudinal boost away), as in JETSET: in the
        // lab, the soft end of a forward jet's chain would land in the central region.
        double fx = 0;
        double fy = 0;
        double fzh = 0;
        double feh = 0;
        for (int i = 0; i < hs.n; i++) {
            fx += hs.p[4 * i];
            fy += hs.p[4 * i + 1];
            fzh += hs.p[4 * i + 2];
            feh += hs.p[4 * i + 3];
        }
        double fm = Math.sqrt(feh * feh - fx * fx - fy * fy - fzh * fzh);
        double ueE = 0;
        double uePz = 0;
        boolean reshuffled = false;
        for (int attempt = 0; attempt < HADRONIZATION_TRIES && !reshuffled; attempt++) {
            hadrons.clear();
            fragmentShower(fx, fy, fzh, feh, fm, rng);
            int ue = hadrons.size;
            soft.generate(rng, UE_MULTIPLICITY_SCALE, hadrons);
            // The underlying event comes from a collinear initial state: its energy and p_z, no transverse momentum.
            ueE = 0;
            uePz = 0;
            for (int i = ue; i < hadrons.size; i++) {
                ueE += hadrons.e[i];
                uePz += hadrons.pz[i];
            }
            reshuffleScale = hadrons.size > 0
                    ? MomentumReshuffle.apply(hadrons, 0, hadrons.size, tx, ty, tz + uePz, te + ueE) : 1;
            reshuffled = Math.abs(reshuffleScale - 1) <= RESHUFFLE_TOLERANCE;
        }
        if (!reshuffled) {
            return false;
        }
        double sx = 0;
        double sy = 0;
        double sz = uePz;
        double se = ueE;
        for (int i = 0; i < hs.n; i++) {
            sx += hs.p[4 * i];
            sy += hs.p[4 * i + 1];
            sz += hs.p[4 * i + 2];
            se += hs.p[4 * i + 3];
        }
        initial[0] = sx;
        initial[1] = sy;
        initial[2] = sz;
        initial[3] = se;
        // Both incoming momentum fractions x = (E +- pz) / sqrt(s) must be below 1.
        return se + sz < SQRT_S && se - sz < SQRT_S;
    }

    /**
     * Fragments every final parton of the shower in the rest frame of the system (fx, fy, fz, fe) of mass fm and
     * boosts the hadrons back.
     */
    private void fragmentShower(double fx, double fy, double fz, double fe, double fm, SplittableRandom rng) {
        for (int i = 0; i < shower.size; i++) {
            if (!shower.isFinal(i)) {
                continue;
            }
            double e = shower.energy[i];
            v4[0] = e * shower.nx[i];
            v4[1] = e * shower.ny[i];
            v4[2] = e * shower.nz[i];
            v4[3] = e;
            Lorentz.unboost(v4, 0, fx, fy, fz, fe, fm);
            double p = Math.sqrt(v4[0] * v4[0] + v4[1] * v4[1] + v4[2] * v4[2]);
            int first = hadrons.size;
            fragmentation.fragment(shower.flavour[i], v4[3], v4[0] / p, v4[1] / p, v4[2] / p, hadrons, rng);
            for (int h = first; h < hadrons.size; h++) {
                v4[0] = hadrons.px[h];
                v4[1] = hadrons.py[h];
                v4[2] = hadrons.pz[h];
                v4[3] = hadrons.e[h];
                Lorentz.boost(v4, 0, fx, fy, fz, fe, fm);
                hadrons.px[h] = v4[0];
                hadrons.py[h] = v4[1];
                hadrons.pz[h] = v4[2];
                hadrons.e[h] = v4[3];
            }
        }
    }

    /**
     * Initial-state radiation: emissions ordered in pT from the hard scale down to {@link
     * GeneratorParameters#ISR_PT_MIN} with the soft-collinear density dN = (2 alpha_s / pi) (C_a + C_b) ln(Q/pT)
     * d ln pT (veto algorithm), each flat in rapidity between the Born system and its beam. The emissions are added
     * to the hard state; their summed pT is the Born system's recoil.
     */
    private void initialStateRadiation(SplittableRandom rng) {
        isrPx = 0;
        isrPy = 0;
        double q = hs.isrScale;
        if (q <= ISR_PT_MIN) {
            return;
        }
        double lmax = Math.log(q / ISR_PT_MIN);
        double l = 0;
        double rate = ALPHA_ISR_MAX * hs.isrColour / Math.PI;
        while (true) {
            l = Math.sqrt(l * l - Math.log(RandomVariates.open(rng)) / rate);
            if (l >= lmax) {
                return;
            }
            double pt = q * Math.exp(-l);
            if (rng.nextDouble() * ALPHA_ISR_MAX >= Pdfs.alphaS(pt)) {
                continue;
            }
            double y = hs.bornRapidity + (rng.nextBoolean() ? l : -l) * rng.nextDouble();
            RandomVariates.azimuth(rng, cs, 0);
            int id = Species.GLUON;
            if (rng.nextDouble() < ISR_QUARK_FRACTION) {
                // d, u or s quark or antiquark.
                id = 1 + rng.nextInt(3);
                id = rng.nextBoolean() ? id : -id;
            }
            double px = pt * cs[0];
            double py = pt * cs[1];
            hs.add(id, px, py, pt * Math.sinh(y), pt * Math.cosh(y), 0, SHOWER_MAX_ANGLE, pt);
            isrPx += px;
            isrPy += py;
        }
    }

    /** The shower of a W's quarks starts at their opening angle (colour coherence of the q qbar dipole). */
    private void setColourPartnerAngles() {
        for (int i = 0; i < hs.n; i++) {
            int j = hs.partner[i];
            if (j > i) {
                double[] p = hs.p;
                int a = 4 * i;
                int b = 4 * j;
                double dot = p[a] * p[b] + p[a + 1] * p[b + 1] + p[a + 2] * p[b + 2];
                double na = Math.sqrt(p[a] * p[a] + p[a + 1] * p[a + 1] + p[a + 2] * p[a + 2]);
                double nb = Math.sqrt(p[b] * p[b] + p[b + 1] * p[b + 1] + p[b + 2] * p[b + 2]);
                double angle = Math.min(SHOWER_MAX_ANGLE, Math.acos(Math.max(-1, Math.min(1, dot / (na * nb)))));
                hs.thetaMax[i] = angle;
                hs.thetaMax[j] = angle;
            }
        }
    }

    /** One minimum-bias interaction at its own vertex, with zero net transverse momentum. */
    private void pileupInteraction(int vertexId, SplittableRandom rng) {
        beamSpot(rng);
        pile.clear();
        int n = soft.generate(rng, 1, pile);
        if (n == 0) {
            return;
        }
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < n; i++) {
            sx += pile.px[i];
            sy += pile.py[i];
        }
        sx /= n;
        sy /= n;
        for (int i = 0; i < n; i++) {
            double px = pile.px[i] - sx;
            double py = pile.py[i] - sy;
            double pz = pile.pz[i];
            double m = pile.m[i];
            rec.add(pile.pdg[i], px, py, pz, Math.sqrt(m * m + px * px + py * py + pz * pz), m, vertex[0], vertex[1],
                    vertex[2], vertexId, -1);
        }
    }

    /** A point of the luminous region into {@link #vertex}, cm. */
    private void beamSpot(SplittableRandom rng) {
        RandomVariates.gaussianPair(rng, gauss, 0);
        vertex[0] = BEAM_SPOT_SIGMA_XY * gauss[0];
        vertex[1] = BEAM_SPOT_SIGMA_XY * gauss[1];
        vertex[2] = BEAM_SPOT_SIGMA_Z * RandomVariates.gaussian(rng);
    }
}
