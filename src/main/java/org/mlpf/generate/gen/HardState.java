package org.mlpf.generate.gen;

import java.util.Arrays;

/**
 * The outgoing objects of a hard scatter before showering: partons (quarks, gluons) and leptons, with four-momenta
 * (GeV), masses, the shower's starting angle and kT limit for partons, and the index of a colour partner (the
 * other quark of a W decay) or -1. Also the Born system's mass and rapidity, the scale and colour factor that
 * drive initial-state radiation, and the incoming state. One instance per thread, reused.
 */
final class HardState {
    int n;
    int[] id = new int[32];
    double[] p = new double[4 * 32];
    double[] m = new double[32];
    double[] thetaMax = new double[32];
    double[] ktMax = new double[32];
    int[] partner = new int[32];
    /** True for the objects that forced hadronic decays apply to (the taus of Z -> tau tau). */
    boolean[] forceHadronic = new boolean[32];

    /** Invariant mass (GeV) and rapidity of the Born system (the 2 -> 2 final state before ISR). */
    double bornMass;
    double bornRapidity;
    /** Number of leading objects that belong to the Born system (the rest are ISR partons). */
    int bornCount;
    /** Hard scale of ISR (GeV) and the summed colour factors C_a + C_b of the incoming partons. */
    double isrScale;
    double isrColour;

    void clear() {
        n = 0;
    }

    /** Adds an object and returns its index. */
    int add(int pdg, double px, double py, double pz, double e, double mass, double maxAngle, double maxKt) {
        if (n == id.length) {
            int c = 2 * n;
            id = Arrays.copyOf(id, c);
            p = Arrays.copyOf(p, 4 * c);
            m = Arrays.copyOf(m, c);
            thetaMax = Arrays.copyOf(thetaMax, c);
            ktMax = Arrays.copyOf(ktMax, c);
            partner = Arrays.copyOf(partner, c);
            forceHadronic = Arrays.copyOf(forceHadronic, c);
        }
        int i = n++;
        id[i] = pdg;
        p[4 * i] = px;
        p[4 * i + 1] = py;
        p[4 * i + 2] = pz;
        p[4 * i + 3] = e;
        m[i] = mass;
        thetaMax[i] = maxAngle;
        ktMax[i] = maxKt;
        partner[i] = -1;
        forceHadronic[i] = false;
        return i;
    }

    /** True for quarks and gluons (which shower and fragment); false for leptons. */
    static boolean isParton(int pdg) {
        int a = Math.abs(pdg);
        return a <= 5 || a == Species.GLUON;
    }
}
