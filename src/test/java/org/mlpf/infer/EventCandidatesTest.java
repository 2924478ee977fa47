package org.mlpf.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlpf.model.ElementPredictions;
import org.mlpf.model.TestPredictions;
import org.mlpf.physics.ParticleClass;

class EventCandidatesTest {
    private static final int N = 6;

    /**
     * Row 1 of a batch of 2 (row 0 is another event): elements 0-3 real, 4-5 padding. Element 0: charged hadron with
     * negative regressed charge; 1: class 0 (no particle); 2: photon with a regressed charge of 0.7 and negative pt;
     * 3: muon. Padding slots carry a confident charged-hadron prediction, as garbage would.
     */
    private static ElementPredictions predictions() {
        float[] probs = new float[2 * N * 8];
        float[] reg = new float[2 * N * 6];
        boolean[] real = new boolean[2 * N];
        int[] cls = {1, 0, 5, 7, 1, 1};
        for (int i = 0; i < N; i++) {
            int row = N + i;
            for (int c = 0; c < 8; c++) {
                probs[row * 8 + c] = c == cls[i] ? 0.65f : 0.05f;
            }
            real[row] = i < 4;
            float[] r = {i == 0 ? -0.9f : 0.7f, i == 2 ? -1.5f : 10f + i, 0.1f * i, 0.6f, 0.8f, 20f + i};
            System.arraycopy(r, 0, reg, row * 6, 6);
        }
        for (int i = 0; i < N; i++) {
            probs[i * 8 + 1] = 1f;
            real[i] = true;
        }
        return TestPredictions.of(2, N, probs, reg, real);
    }

    @Test
    void paddingAndClassZeroMakeNoCandidateAndTheRulesApply() {
        float[] vz = {0.3f, 0.4f, 0.5f, -0.2f};
        EventCandidates c = EventCandidates.of(predictions(), 1, 4, 128, vz);
        assertEquals(3, c.size(), "elements 0, 2 and 3: not the class-0 element, not the padding");
        assertArrayEquals(new int[] {ParticleClass.CHARGED_HADRON.index(), ParticleClass.PHOTON.index(),
            ParticleClass.MUON.index()}, c.cls());
        assertArrayEquals(new int[] {128, 130, 131}, c.elemIndex(), "element offset of the chunk added");
        assertArrayEquals(new int[] {-1, 0, 1}, c.charge(), "sign for charged classes, 0 for neutral ones");
        assertArrayEquals(new float[] {10f, 0f, 13f}, c.pt(), "negative pt floored at 0");
        assertArrayEquals(new float[] {0.3f, 0f, -0.2f}, c.vz(), "track vz for charged candidates only");
        // energy from pt, eta and the class mass, not the regressed 20, 22, 23 GeV: a physical four-vector
        double mPi = ParticleClass.CHARGED_HADRON.candidateMass();
        double mMu = ParticleClass.MUON.candidateMass();
        assertEquals(Math.sqrt(Math.pow(10 * Math.cosh(0), 2) + mPi * mPi), c.energy()[0], 1e-5);
        assertEquals(0f, c.energy()[1], 0f, "pt floored at 0: a photon of no energy");
        assertEquals(Math.sqrt(Math.pow(13 * Math.cosh(0.3f), 2) + mMu * mMu), c.energy()[2], 1e-4);
        for (int k = 0; k < c.size(); k++) {
            double p = c.pt()[k] * Math.cosh(c.eta()[k]);
            assertTrue(c.energy()[k] >= p * (1 - 1e-6), "E >= |p| for candidate " + k);
        }
        assertEquals((float) Math.atan2(0.6f, 0.8f), c.phi()[0], 0f);
        assertEquals(0.65f, c.probs()[1][ParticleClass.PHOTON.index()], 0f);
        assertEquals(8, c.probs()[2].length);
    }

    @Test
    void rowsPastTheRealElementsNeverMakeCandidates() {
        // numElements says 2: elements 2 and 3 are treated as padding even though flagged real
        EventCandidates c = EventCandidates.of(predictions(), 1, 2, 0, new float[] {0f, 0f});
        assertEquals(1, c.size());
        assertEquals(0, c.elemIndex()[0]);
    }

    @Test
    void theWorkingPointMakesACandidateOnlyWhereAParticleIsThatManyTimesAsProbableAsNone() {
        // one event of three elements: a confident photon, an uncertain neutral hadron, an uncertain photon
        float[] probs = new float[3 * 8];
        float[][] p = {{0.05f, 0, 0, 0, 0, 0.95f, 0, 0}, {0.3f, 0, 0.5f, 0, 0, 0.2f, 0, 0},
            {0.45f, 0, 0, 0, 0, 0.55f, 0, 0}};
        for (int i = 0; i < 3; i++) {
            System.arraycopy(p[i], 0, probs, i * 8, 8);
        }
        float[] reg = new float[3 * 6];
        ElementPredictions pred = TestPredictions.of(1, 3, probs, reg, new boolean[] {true, true, true});
        float[] vz = new float[3];
        assertArrayEquals(new int[] {5, 2, 5}, EventCandidates.of(pred, 0, 3, 0, vz).cls(), "argmax");
        assertArrayEquals(new int[] {5, 2, 5}, EventCandidates.of(pred, 0, 3, 0, vz, 1).cls(), "weight 1 = argmax");
        EventCandidates two = EventCandidates.of(pred, 0, 3, 0, vz, 1.5);
        assertArrayEquals(new int[] {5, 2}, two.cls(), "0.55 < 1.5 x 0.45: the uncertain photon is dropped");
        assertArrayEquals(new int[] {0, 1}, two.elemIndex());
        assertArrayEquals(new int[] {5}, EventCandidates.of(pred, 0, 3, 0, vz, 2).cls(), "0.5 < 2 x 0.3");
    }
}
