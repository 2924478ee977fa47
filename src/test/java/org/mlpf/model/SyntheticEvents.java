package org.mlpf.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.mlpf.physics.ElementType;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.FeatureEncoding;
import org.mlpf.schema.NormalizationStats;

/**
 * Synthetic events with a learnable rule, and small model configs, for model and training tests. Rule: a track
 * is a charged hadron with the track's charge and kinematics, a GSF track an electron, an ECAL cluster a photon, an
 * HCAL cluster above 5 GeV a neutral hadron (below: no particle), HF clusters HFEM / HFHAD, anything else no
 * particle; the target kinematics are the element's own.
 */
public final class SyntheticEvents {
    private static final ElementType[] TYPES = {ElementType.TRACK, ElementType.TRACK, ElementType.ECAL,
        ElementType.HCAL, ElementType.HCAL, ElementType.GSF, ElementType.HFEM, ElementType.HFHAD, ElementType.PS1,
        ElementType.BREM};

    private SyntheticEvents() {
    }

    /** A small config: bins of 16, two common graph layers and one energy layer, narrow heads, no dropout. */
    public static ModelConfig tinyConfig() {
        return tinyConfig(0);
    }

    /** {@link #tinyConfig()} with dropout {@code rate} in graph layers and heads. */
    public static ModelConfig tinyConfig(double rate) {
        return new ModelConfig(16, 16, 8, 16, 2, 2, 16, 0.120898, 0.001998, true, 2, 1, rate, rate,
                new ModelConfig.Head(32, 2), new ModelConfig.Head(16, 1), new ModelConfig.Head(16, 1),
                new ModelConfig.Head(16, 1), new ModelConfig.Head(16, 2), new ModelConfig.Head(16, 1), 1e-3, 7);
    }

    /** {@link #tinyConfig()} with enough bins for events of up to {@code maxElements} elements. */
    public static ModelConfig tinyConfigFor(int maxElements) {
        ModelConfig t = tinyConfig();
        return new ModelConfig(t.binSize(), (maxElements + t.binSize() - 1) / t.binSize(), t.distanceDim(),
                t.distHiddenDim(), t.distNumLayers(), t.numMessages(), t.messageDim(), t.kernelDistMult(),
                t.kernelClipLow(), t.normalizeDegrees(), t.numGraphLayersCommon(), t.numGraphLayersEnergy(),
                t.graphDropout(), t.headDropout(), t.id(), t.charge(), t.eta(), t.phi(), t.energy(), t.pt(),
                t.layerNormEpsilon(), t.seed());
    }

    /** One event of {@code n} real elements: 25 features per element, row-major. */
    public static float[] elements(SplittableRandom rng, int n) {
        float[] x = new float[n * TensorBatch.X_WIDTH];
        for (int i = 0; i < n; i++) {
            ElementType t = TYPES[rng.nextInt(TYPES.length)];
            double pt = Math.exp(rng.nextDouble(-0.5, 3.5));
            double eta = t == ElementType.HFEM || t == ElementType.HFHAD ? rng.nextDouble(3, 4.5)
                    * (rng.nextBoolean() ? 1 : -1) : rng.nextDouble(-2.5, 2.5);
            double phi = rng.nextDouble(-Math.PI, Math.PI);
            double e = pt * Math.cosh(eta);
            int o = i * TensorBatch.X_WIDTH;
            set(x, o, ElementFeature.TYP_IDX, t.code());
            set(x, o, ElementFeature.PT, pt);
            set(x, o, ElementFeature.ETA, eta);
            set(x, o, ElementFeature.PHI, phi);
            set(x, o, ElementFeature.E, e);
            set(x, o, ElementFeature.ETA_ECAL, eta);
            set(x, o, ElementFeature.PHI_ECAL, phi);
            set(x, o, ElementFeature.ETA_HCAL, eta);
            set(x, o, ElementFeature.PHI_HCAL, phi);
            if (t.isTrack()) {
                set(x, o, ElementFeature.CHARGE, rng.nextBoolean() ? 1 : -1);
                set(x, o, ElementFeature.PX, pt * Math.cos(phi));
                set(x, o, ElementFeature.PY, pt * Math.sin(phi));
                set(x, o, ElementFeature.PZ, pt * Math.sinh(eta));
                set(x, o, ElementFeature.NUM_HITS, 8 + rng.nextInt(10));
            } else {
                set(x, o, ElementFeature.LAYER, t == ElementType.HCAL ? 2 : 1);
                set(x, o, ElementFeature.DEPTH, t == ElementType.HCAL ? 1 + rng.nextInt(3) : 0);
                set(x, o, ElementFeature.CORR_ENERGY, 1.05 * e);
                set(x, o, ElementFeature.NUM_HITS, 1 + rng.nextInt(20));
            }
        }
        return x;
    }

    private static void set(float[] x, int o, ElementFeature f, double v) {
        x[o + f.ordinal()] = (float) v;
    }

    /** Targets of an event's elements by the rule above: 7 values per element. */
    public static float[] targets(float[] x) {
        int n = x.length / TensorBatch.X_WIDTH;
        float[] y = new float[n * TensorBatch.Y_WIDTH];
        for (int i = 0; i < n; i++) {
            int o = i * TensorBatch.X_WIDTH;
            ElementType t = ElementType.ofCode((int) x[o]);
            float e = x[o + ElementFeature.E.ordinal()];
            ParticleClass c = switch (t) {
                case TRACK -> ParticleClass.CHARGED_HADRON;
                case GSF -> ParticleClass.ELECTRON;
                case ECAL -> ParticleClass.PHOTON;
                case HCAL -> e > 5 ? ParticleClass.NEUTRAL_HADRON : ParticleClass.NONE;
                case HFEM -> ParticleClass.HFEM;
                case HFHAD -> ParticleClass.HFHAD;
                default -> ParticleClass.NONE;
            };
            if (c == ParticleClass.NONE) {
                continue;
            }
            float phi = x[o + ElementFeature.PHI.ordinal()];
            int q = i * TensorBatch.Y_WIDTH;
            y[q] = c.index();
            y[q + 1] = t.isTrack() ? x[o + ElementFeature.CHARGE.ordinal()] : 0f;
            y[q + 2] = x[o + ElementFeature.PT.ordinal()];
            y[q + 3] = x[o + ElementFeature.ETA.ordinal()];
            y[q + 4] = (float) Math.sin(phi);
            y[q + 5] = (float) Math.cos(phi);
            y[q + 6] = e;
        }
        return y;
    }

    /**
     * {@code count} batches of {@code batchSize} events padded to {@code paddedElements}, each event with between
     * half and all of the padded size real.
     */
    public static List<TensorBatch> batches(long seed, int count, int batchSize, int paddedElements) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<TensorBatch> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<float[]> xs = new ArrayList<>();
            List<float[]> ys = new ArrayList<>();
            for (int e = 0; e < batchSize; e++) {
                float[] x = elements(rng, paddedElements / 2 + rng.nextInt(paddedElements / 2 + 1));
                xs.add(x);
                ys.add(targets(x));
            }
            out.add(TensorBatch.pad(xs, ys, paddedElements));
        }
        return out;
    }

    /** Normalization statistics of the encoded features of the real elements of {@code batches}. */
    public static NormalizationStats stats(List<TensorBatch> batches) {
        NormalizationStats s = new NormalizationStats();
        float[] raw = new float[ElementFeature.WIDTH];
        float[] enc = new float[FeatureEncoding.WIDTH];
        for (TensorBatch b : batches) {
            for (int e = 0; e < b.batchSize(); e++) {
                for (int i = 0; i < b.numElements(); i++) {
                    if (!b.isReal(e, i)) {
                        continue;
                    }
                    for (int f = 0; f < TensorBatch.X_WIDTH; f++) {
                        raw[f] = b.feature(e, i, f);
                    }
                    FeatureEncoding.encode(raw, 0, enc, 0);
                    s.add(enc, 0);
                }
            }
        }
        return s;
    }
}
