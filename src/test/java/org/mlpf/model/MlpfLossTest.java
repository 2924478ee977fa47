package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MlpfLossTest {
    private static final double ALPHA = 0.25;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Engine.getEngine(MlpfModel.ENGINE).newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static double huber(double r, double d) {
        double a = Math.abs(r);
        return a <= d ? 0.5 * a * a : d * (a - 0.5 * d);
    }

    /** The formula of docs/model.md, written out for one element in double precision (no regression for class 0). */
    private static double[] elementTerms(float[] logits, float[] reg, float[] y) {
        return elementTerms(logits, reg, y, MlpfLoss.Momentum.ABSOLUTE);
    }

    private static double[] elementTerms(float[] logits, float[] reg, float[] y, MlpfLoss.Momentum momentum) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double z = 0;
        for (float l : logits) {
            z += Math.exp(l - max);
        }
        double focal = 0;
        for (int c = 0; c < 8; c++) {
            double p = Math.exp(logits[c] - max) / z;
            focal += c == (int) y[0] ? ALPHA * Math.pow(1 - p, 2) * -Math.log(p)
                    : (1 - ALPHA) * p * p * -Math.log(Math.max(1 - p, 1e-7));
        }
        if (y[0] == 0) {
            return new double[] {100 * focal, 0, 0, 0, 0, 0, 0};
        }
        double pt = 1e-4 * huber(reg[1] - y[2], 1);
        double e = 1e-4 * huber(reg[5] - y[6], 1);
        if (momentum == MlpfLoss.Momentum.LOG) {
            pt = 100 * huber(Math.log(Math.max(reg[1], 1e-3)) - Math.log(y[2]), 0.1);
            e = 10 * huber(Math.log(Math.max(reg[5], 1e-3)) - Math.log(y[6]), 0.1);
        }
        return new double[] {100 * focal, 0.01 * Math.pow(reg[0] - y[1], 2), pt, 100 * huber(reg[2] - y[3], 0.1),
            10 * huber(reg[3] - y[4], 0.1), 10 * huber(reg[4] - y[5], 0.1), e};
    }

    private LossValues oneElement(MlpfLoss loss, float[] y, float[] reg) {
        float[] logits = {0, 0, 3, 0, 0, 0, 0, 0};
        return LossValues.of(loss.terms(new NDList(manager.create(y, new Shape(1, 1, 7)),
                manager.ones(new Shape(1, 1))), new NDList(manager.create(logits, new Shape(1, 1, 8)),
                manager.create(reg, new Shape(1, 1, 6)))));
    }

    /** Three elements of one event: a 50 GeV charged hadron, a 3 GeV photon, and a 40 GeV track without a particle. */
    private NDList threeElements(MlpfLoss loss) {
        float[] y = {1, 1, 50, 0.5f, 0, 1, 56, 5, 0, 3, -1, 0.6f, 0.8f, 4.6f, 0, 0, 0, 0, 0, 0, 0};
        float[] reg = {0.8f, 47, 0.45f, 0.05f, 0.98f, 52, 0, 3.3f, -1.1f, 0.55f, 0.85f, 5.2f, 0.5f, 35, 0.2f, 0, 1, 36};
        float[] logits = {0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0.5f, 1, 0, 0, 0, 0, 0, 0};
        float[] x = new float[3 * 25];
        x[0] = 1; // TRACK, CLUSTER, TRACK: typ_idx is column 0, pt column ElementFeature.PT
        x[25] = 4;
        x[50] = 1;
        int pt = org.mlpf.schema.ElementFeature.PT.ordinal();
        x[pt] = 49;
        x[25 + pt] = 2.5f;
        x[50 + pt] = 40;
        NDArray xs = manager.create(x, new Shape(1, 3, 25));
        return loss.terms(MlpfLoss.labels(xs, manager.create(y, new Shape(1, 3, 7))),
                new NDList(manager.create(logits, new Shape(1, 3, 8)), manager.create(reg, new Shape(1, 3, 6))));
    }

    @Test
    void thePtWeightCountsAnElementClipOfItsPtOverP0Times() {
        MlpfLoss.Weights log = MlpfLoss.Weights.named("log");
        LossValues plain = LossValues.of(threeElements(new MlpfLoss(log)));
        LossValues weighted = LossValues.of(threeElements(new MlpfLoss(log.withPtWeight(10))));
        // per element, unweighted: the terms of each element alone
        float[][] y = {{1, 1, 50, 0.5f, 0, 1, 56}, {5, 0, 3, -1, 0.6f, 0.8f, 4.6f}, {0, 0, 0, 0, 0, 0, 0}};
        float[][] reg = {{0.8f, 47, 0.45f, 0.05f, 0.98f, 52}, {0, 3.3f, -1.1f, 0.55f, 0.85f, 5.2f},
            {0.5f, 35, 0.2f, 0, 1, 36}};
        float[][] logits = {{0, 3, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 2, 0, 0}, {0.5f, 1, 0, 0, 0, 0, 0, 0}};
        // weights: the hadron its target's 50 GeV / 10 = 5; the photon 3 / 10 clipped to 1; the track without a
        // particle its own 40 GeV / 10 = 4 (class term only: it has no regression)
        double[] w = {5, 1, 4};
        for (int t = 0; t < MlpfLoss.TERM_NAMES.size(); t++) {
            double want = 0;
            double unweighted = 0;
            for (int e = 0; e < 3; e++) {
                double[] terms = elementTerms(logits[e], reg[e], y[e], MlpfLoss.Momentum.LOG);
                want += w[e] * terms[t];
                unweighted += terms[t];
            }
            String name = MlpfLoss.TERM_NAMES.get(t);
            assertEquals(unweighted, plain.term(name), 1e-3 * Math.max(1, unweighted), name);
            assertEquals(want, weighted.term(name), 1e-3 * Math.max(1, want), name);
        }
        // the weight is capped at 10: P0 = 1 GeV gives the 50 GeV hadron 10, not 50
        LossValues capped = LossValues.of(threeElements(new MlpfLoss(log.withPtWeight(1))));
        double hadronCls = elementTerms(logits[0], reg[0], y[0], MlpfLoss.Momentum.LOG)[0];
        double photonCls = elementTerms(logits[1], reg[1], y[1], MlpfLoss.Momentum.LOG)[0];
        double trackCls = elementTerms(logits[2], reg[2], y[2], MlpfLoss.Momentum.LOG)[0];
        assertEquals(10 * hadronCls + 3 * photonCls + 10 * trackCls, capped.term("cls"), 1e-3 * capped.term("cls"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MlpfLoss(
                log.withPtWeight(10)).terms(new NDList(manager.zeros(new Shape(1, 1, 7)), manager.ones(new Shape(1, 1))),
                new NDList(manager.zeros(new Shape(1, 1, 8)), manager.zeros(new Shape(1, 1, 6)))));
        assertTrue(e.getMessage().contains("third label"), e.getMessage());
    }

    @Test
    void theLogMomentumTermsCostARelativeErrorTheSameAtEveryPt() {
        MlpfLoss log = new MlpfLoss(MlpfLoss.Weights.named("log"));
        MlpfLoss absolute = new MlpfLoss(MlpfLoss.Weights.named("absolute"));
        // a charged hadron of 2 GeV and one of 200 GeV, both predicted 10 % high in pt and energy
        float[] soft = {2, 1, 2, 0.5f, 0, 1, 2.3f};
        float[] softPred = {1, 2.2f, 0.5f, 0, 1, 2.53f};
        float[] hard = {2, 1, 200, 0.5f, 0, 1, 230};
        float[] hardPred = {1, 220, 0.5f, 0, 1, 253};
        LossValues softLog = oneElement(log, soft, softPred);
        LossValues hardLog = oneElement(log, hard, hardPred);
        // 100 x Huber_0.1(ln 1.1), in its quadratic branch (ln 1.1 = 0.095)
        assertEquals(100 * 0.5 * Math.pow(Math.log(1.1), 2), softLog.term("pt"), 1e-4);
        assertEquals(softLog.term("pt"), hardLog.term("pt"), 1e-4);
        assertEquals(10 * 0.5 * Math.pow(Math.log(1.1), 2), hardLog.term("energy"), 1e-4);
        // the absolute terms weigh the same relative error 1000 times more on the hard particle
        double ratio = oneElement(absolute, hard, hardPred).term("pt") / oneElement(absolute, soft, softPred).term("pt");
        assertEquals((20 - 0.5) / (0.5 * 0.2 * 0.2), ratio, 1e-2 * ratio);
        // every other term is the same under both
        for (String t : List.of("cls", "charge", "eta", "sin_phi", "cos_phi")) {
            assertEquals(oneElement(absolute, hard, hardPred).term(t), hardLog.term(t), 1e-6, t);
        }
    }

    @Test
    void theLogMomentumTermsStayFiniteForNegativePredictionsAndEmptyTargets() {
        MlpfLoss log = new MlpfLoss(MlpfLoss.Weights.named("log"));
        // a negative pt is floored at 1 MeV: a large but finite cost, ln(10 GeV / 1 MeV) in the linear branch
        LossValues negative = oneElement(log, new float[] {2, 1, 10, 0, 0, 1, 10},
                new float[] {1, -3, 0, 0, 1, 10});
        assertEquals(100 * 0.1 * (Math.log(10 / 1e-3) - 0.05), negative.term("pt"), 1e-2);
        // an element without a particle has all-zero targets: ln 0 must not turn into NaN under the mask
        LossValues none = oneElement(log, new float[] {0, 0, 0, 0, 0, 0, 0}, new float[] {1, 5, 0, 0, 1, 5});
        assertEquals(0, none.term("pt"), 0);
        assertEquals(0, none.term("energy"), 0);
        assertEquals(none.term("cls"), none.total(), 1e-6);
    }

    @Test
    void theLogMomentumGradientsEqualFiniteDifferences() {
        float[] logits = {0.3f, -1.2f, 2f, 0.1f, 0f, -0.5f, 1.1f, 0.4f};
        float[] reg = {0.5f, 12f, 0.33f, 0.15f, 0.8f, 40f};
        float[] y = {2, 0, 10f, 0.3f, 0.2f, 0.95f, 42f};
        MlpfLoss log = new MlpfLoss(MlpfLoss.Weights.named("log"));
        try (NDManager m = manager.newSubManager()) {
            NDArray r = m.create(reg, new Shape(1, 1, 6));
            r.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine(MlpfModel.ENGINE).newGradientCollector()) {
                gc.backward(log.evaluate(new NDList(m.create(y, new Shape(1, 1, 7)), m.ones(new Shape(1, 1))),
                        new NDList(m.create(logits, new Shape(1, 1, 8)), r)));
            }
            float[] gr = r.getGradient().toFloatArray();
            double h = 1e-3;
            for (int k = 0; k < 6; k++) {
                float[] plus = reg.clone();
                float[] minus = reg.clone();
                plus[k] += h;
                minus[k] -= h;
                double num = (sum(elementTerms(logits, plus, y, MlpfLoss.Momentum.LOG))
                        - sum(elementTerms(logits, minus, y, MlpfLoss.Momentum.LOG))) / (2 * h);
                assertEquals(num, gr[k], 1e-3 * Math.max(1, Math.abs(num)), "d loss / d regression " + k);
            }
            assertEquals(100 * 0.1 / 12, gr[1], 1e-4, "linear branch: w delta / pt");
        }
    }

    @Test
    void uniformLogitsGiveTheClosedForm() {
        NDList terms = new MlpfLoss().terms(
                new NDList(manager.create(new float[] {3, 0, 0, 0, 0, 0, 0}, new Shape(1, 1, 7)),
                        manager.ones(new Shape(1, 1))),
                new NDList(manager.zeros(new Shape(1, 1, 8)), manager.zeros(new Shape(1, 1, 6))));
        double expected = 100 * (0.25 * (49.0 / 64) * Math.log(8) + 7 * 0.75 * (1.0 / 64) * -Math.log(7.0 / 8));
        assertEquals(expected, LossValues.of(terms).term("cls"), 1e-4);
        assertEquals(expected, LossValues.of(terms).total(), 1e-4);
    }

    @Test
    void handMadeBatchEqualsTheFormulaSummedOverRealElementsAndAveragedOverEvents() {
        float[][] logits = {
            {0, 2, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0}, {9, -9, 9, -9, 9, -9, 9, -9},
            {1, 0, 0, 0, 0, -1, 0, 0.5f}, {3, 3, 3, 3, 3, 3, 3, 3}, {0, 0, 0, 0, 0, 0, 0, 0}};
        float[][] reg = {
            {0.8f, 10.5f, 1.05f, 0.2f, 0.9f, 30f}, {0.1f, 1f, -0.2f, 0f, 0.05f, 2f}, {50, 500, 5, 5, 5, 500},
            {0f, 20f, -1.5f, 0.7f, -0.6f, 47f}, {7, 7, 7, 7, 7, 7}, {1, 1, 1, 1, 1, 1}};
        float[][] y = {
            {1, 1, 10f, 1f, 0.25f, 0.97f, 30.5f}, {0, 0, 0, 0, 0, 0, 0}, {2, 1, 1, 1, 1, 1, 1},
            {5, 0, 23f, -1.2f, 0.71f, -0.7f, 50f}, {0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0}};
        float[] mask = {1, 1, 0, 1, 0, 0};
        double[] expected = new double[7];
        for (int e = 0; e < 6; e++) {
            if (mask[e] == 0) {
                continue;
            }
            double[] t = elementTerms(logits[e], reg[e], y[e]);
            for (int k = 0; k < 7; k++) {
                expected[k] += t[k] / 2;
            }
        }
        NDList terms = new MlpfLoss().terms(
                new NDList(manager.create(flat(y), new Shape(2, 3, 7)), manager.create(mask, new Shape(2, 3))),
                new NDList(manager.create(flat(logits), new Shape(2, 3, 8)), manager.create(flat(reg),
                        new Shape(2, 3, 6))));
        LossValues v = LossValues.of(terms);
        for (int k = 0; k < 7; k++) {
            assertEquals(expected[k], v.terms()[k], 1e-5 * Math.max(1, Math.abs(expected[k])),
                    MlpfLoss.TERM_NAMES.get(k));
        }
        // both Huber branches, by hand: pt residuals 0.5 (quadratic), 3 (linear); eta 0.05 (quadratic), 0.3
        // (linear); the padding element's huge residuals and the class-0 element's (pt 1, eta 0.2, charge 0.1)
        // count for nothing
        assertEquals(1e-4 * (0.5 * 0.5 * 0.5 + 1 * (3 - 0.5)) / 2, v.term("pt"), 1e-9);
        assertEquals(100 * (0.5 * 0.05 * 0.05 + 0.1 * (0.3 - 0.05)) / 2, v.term("eta"), 1e-5);
        assertEquals(0.01 * (0.2 * 0.2 + 0) / 2, v.term("charge"), 1e-7);
        assertEquals(new MlpfLoss().evaluate(new NDList(manager.create(flat(y), new Shape(2, 3, 7)),
                manager.create(mask, new Shape(2, 3))), new NDList(manager.create(flat(logits), new Shape(2, 3, 8)),
                manager.create(flat(reg), new Shape(2, 3, 6)))).getFloat(), v.total(), 1e-3);
    }

    @Test
    void elementsWithoutATargetParticleTeachTheClassOnly() {
        // one real element whose target is class 0: whatever it regresses, only the class term may change
        float[] y = {0, 0, 0, 0, 0, 0, 0};
        float[] logits = {2, 0, 0, 0, 0, 0, 0, 0};
        NDList labels = new NDList(manager.create(y, new Shape(1, 1, 7)), manager.ones(new Shape(1, 1)));
        LossValues small = LossValues.of(new MlpfLoss().terms(labels, new NDList(
                manager.create(logits, new Shape(1, 1, 8)), manager.zeros(new Shape(1, 1, 6)))));
        LossValues wild = LossValues.of(new MlpfLoss().terms(labels, new NDList(
                manager.create(logits, new Shape(1, 1, 8)),
                manager.create(new float[] {1, 80, 2.4f, -0.9f, 0.4f, 300}, new Shape(1, 1, 6)))));
        assertEquals(small.total(), wild.total(), 1e-6);
        assertEquals(small.term("cls"), wild.total(), 1e-6);
        for (String regression : MlpfLoss.TERM_NAMES.subList(1, 7)) {
            assertEquals(0, wild.term(regression), 0, regression);
        }
    }

    @Test
    void gradientsEqualFiniteDifferences() {
        float[] logits = {0.3f, -1.2f, 2f, 0.1f, 0f, -0.5f, 1.1f, 0.4f};
        float[] reg = {0.5f, 12f, 0.33f, 0.15f, 0.8f, 40f};
        float[] y = {2, 0, 10f, 0.3f, 0.2f, 0.95f, 42f};
        try (NDManager m = manager.newSubManager()) {
            NDArray l = m.create(logits, new Shape(1, 1, 8));
            NDArray r = m.create(reg, new Shape(1, 1, 6));
            l.setRequiresGradient(true);
            r.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getEngine(MlpfModel.ENGINE).newGradientCollector()) {
                NDArray loss = new MlpfLoss().evaluate(new NDList(m.create(y, new Shape(1, 1, 7)),
                        m.ones(new Shape(1, 1))), new NDList(l, r));
                gc.backward(loss);
            }
            float[] gl = l.getGradient().toFloatArray();
            float[] gr = r.getGradient().toFloatArray();
            double h = 1e-3;
            for (int c = 0; c < 8; c++) {
                float[] plus = logits.clone();
                float[] minus = logits.clone();
                plus[c] += h;
                minus[c] -= h;
                double num = (sum(elementTerms(plus, reg, y)) - sum(elementTerms(minus, reg, y))) / (2 * h);
                assertEquals(num, gl[c], 1e-3 * Math.max(1, Math.abs(num)), "d loss / d logit " + c);
            }
            for (int k = 0; k < 6; k++) {
                float[] plus = reg.clone();
                float[] minus = reg.clone();
                plus[k] += h;
                minus[k] -= h;
                double num = (sum(elementTerms(logits, plus, y)) - sum(elementTerms(logits, minus, y))) / (2 * h);
                assertEquals(num, gr[k], 1e-3 * Math.max(1, Math.abs(num)), "d loss / d regression " + k);
            }
        }
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static float[] flat(float[][] rows) {
        int w = rows[0].length;
        float[] out = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * w, w);
        }
        return out;
    }
}
