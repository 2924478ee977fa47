package org.mlpf.infer;


import org.mlpf.model.ElementPredictions;
import org.mlpf.physics.ParticleClass;

/**
 * The MLPF candidates of one row (an event, or a chunk of one), in primitive arrays: one candidate per real element
 * whose most probable class is not 0 (no particle), in element order. Plain Java, no Spark.
 *
 * <p>Rules, per element: class = argmax of the probabilities, with the probability of no particle weighted by the
 * working point ({@code mlpf.infer.no-particle-weight}, 1 by default) (0: no candidate; padding never makes one); charge =
 * the sign of the regressed charge for charged classes (charged hadron, electron, muon), 0 for the others; pt = the
 * regressed value, floored at 0 GeV (an untrained or extrapolating network can regress below 0, which no particle
 * has); eta; phi = atan2 of the regressed sin and cos, in [-pi, pi]; energy = {@code sqrt((pt cosh eta)^2 + m^2)}
 * with the class's candidate mass ({@link ParticleClass#candidateMass()}), so that every candidate is a physical
 * four-vector as the baseline PF's are (the network's separately regressed energy, a training target, can fall
 * below |p|, and such a candidate has no rapidity: the jet algorithm would put it anywhere); {@code elem_index} = the row's
 * element offset + the slot; vz = the element's track vz for charged candidates, 0 for neutral ones (as the baseline
 * PF candidates); the 8 class probabilities.
 *
 * @param cls       class index 1-7
 * @param charge    -1, 0 or +1
 * @param pt        transverse momentum, GeV
 * @param eta       pseudorapidity
 * @param phi       azimuth, radians
 * @param energy    energy, GeV
 * @param elemIndex index of the producing element in the event's elements
 * @param vz        z of the track at the beam line, cm (0 for neutral candidates)
 * @param probs     per candidate the 8 class probabilities
 */
public record EventCandidates(int[] cls, int[] charge, float[] pt, float[] eta, float[] phi, float[] energy,
        int[] elemIndex, float[] vz, float[][] probs) {

    /** Number of candidates. */
    public int size() {
        return cls.length;
    }

    /** True for the classes of charged particles. */
    public static boolean isCharged(int cls) {
        return cls == ParticleClass.CHARGED_HADRON.index() || cls == ParticleClass.ELECTRON.index()
                || cls == ParticleClass.MUON.index();
    }

    /** Energy of a candidate of transverse momentum {@code pt} (GeV), pseudorapidity {@code eta} and mass {@code m}. */
    static double energy(double pt, double eta, double m) {
        double p = pt * Math.cosh(eta);
        return Math.sqrt(p * p + m * m);
    }

    /**
     * The candidates of row {@code b} of a model call.
     *
     * @param numElements real elements of the row (slots past it are padding)
     * @param elemOffset  index in the event's elements of the row's first element
     * @param vz          per real element its track vz, cm
     */
    public static EventCandidates of(ElementPredictions p, int b, int numElements, int elemOffset, float[] vz) {
        return of(p, b, numElements, elemOffset, vz, 1);
    }

    /**
     * {@link #of(ElementPredictions, int, int, int, float[])} at the working point {@code noParticleWeight}
     * ({@link ElementPredictions#predictedClass(int, int, double)}).
     */
    public static EventCandidates of(ElementPredictions p, int b, int numElements, int elemOffset, float[] vz,
            double noParticleWeight) {
        int n = Math.min(numElements, p.numElements());
        int[] cls = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int c = p.isReal(b, i) ? p.predictedClass(b, i, noParticleWeight) : 0;
            cls[i] = c;
            if (c != 0) {
                k++;
            }
        }
        int[] charge = new int[k];
        float[] pt = new float[k];
        float[] eta = new float[k];
        float[] phi = new float[k];
        float[] energy = new float[k];
        int[] elem = new int[k];
        float[] cvz = new float[k];
        float[][] probs = new float[k][];
        int[] kept = new int[k];
        int j = 0;
        for (int i = 0; i < n && j < k; i++) {
            if (cls[i] == 0) {
                continue;
            }
            kept[j] = cls[i];
            int q = isCharged(cls[i]) ? (p.charge(b, i) < 0 ? -1 : 1) : 0;
            charge[j] = q;
            pt[j] = Math.max(p.pt(b, i), 0f);
            eta[j] = p.eta(b, i);
            phi[j] = p.phi(b, i);
            energy[j] = (float) energy(pt[j], eta[j], ParticleClass.ofIndex(cls[i]).candidateMass());
            elem[j] = elemOffset + i;
            cvz[j] = q != 0 ? vz[i] : 0f;
            probs[j] = p.probabilities(b, i);
            j++;
        }
        return new EventCandidates(kept, charge, pt, eta, phi, energy, elem, cvz, probs);
    }
}
