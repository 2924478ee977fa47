package org.mlpf.generate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlpf.physics.Kinematics;

class PropagatorTest {
    private final Propagator p = new Propagator();

    @Test
    void neutralParticlesGoStraight() {
        double eta = 0.7;
        double phi = 1.1;
        p.start(0, 0, 0, Math.cos(phi), Math.sin(phi), Math.sinh(eta), 0);
        assertTrue(p.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z));
        assertTrue(p.barrel);
        assertEquals(CmsDetector.ECAL_R, Math.hypot(p.x, p.y), 1e-9);
        assertEquals(eta, p.etaOfPoint(), 1e-9);
        assertEquals(phi, p.phiOfPoint(), 1e-9);
        p.start(0, 0, 5, Math.cos(phi), Math.sin(phi), Math.sinh(2.5), 0);
        assertTrue(p.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z));
        assertFalse(p.barrel);
        assertEquals(CmsDetector.ECAL_ENDCAP_Z, p.z, 1e-9);
    }

    @Test
    void chargedTracksBendByTheHelixAngle() {
        // A prompt track reaches radius R after turning by asin(R / 2a), a = pT / (0.3 B): clockwise for q > 0.
        double pt = 5;
        double a = pt / (CmsDetector.CURVATURE_CONST * CmsDetector.FIELD_T);
        double expected = Math.asin(CmsDetector.ECAL_R / (2 * a));
        for (int q = -1; q <= 1; q += 2) {
            p.start(0, 0, 0, pt, 0, 0, q);
            assertTrue(p.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z));
            assertEquals(-q * expected, p.phiOfPoint(), 1e-9);
            assertEquals(CmsDetector.ECAL_R, Math.hypot(p.x, p.y), 1e-6);
            assertEquals(pt, Math.hypot(p.px, p.py), 1e-9);
            assertEquals(-q * 2 * expected, Math.atan2(p.py, p.px), 1e-9);
        }
    }

    @Test
    void centralLoopersNeverReachTheCalorimeter() {
        // 2a < 129 cm below pT = 0.3 * 3.8 T * 0.645 m = 0.735 GeV.
        p.start(0, 0, 0, 0.6, 0, 0.1, 1);
        assertFalse(p.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z));
        p.start(0, 0, 0, 0.8, 0, 0.1, 1);
        assertTrue(p.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z));
        // A soft forward track spirals into the endcap.
        p.start(0, 0, 0, 0.5, 0, 0.5 * Math.sinh(2.2), -1);
        assertTrue(p.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z));
        assertFalse(p.barrel);
    }

    @Test
    void beamLineZOfADisplacedTrackIsItsClosestApproach() {
        // Start on a prompt helix at some arc length: extrapolating back must give the original z.
        double pt = 1.5;
        double cot = Math.sinh(0.8);
        p.start(0, 0, 2.0, pt, 0, pt * cot, 1);
        p.moveTo(30);
        double x = p.x;
        double y = p.y;
        double z = p.z;
        p.start(x, y, z, p.px, p.py, p.pz, 1);
        assertEquals(2.0, p.zAtBeamLine(), 1e-9);
        assertEquals(Kinematics.eta(1, 0, cot), Kinematics.eta(p.px, p.py, p.pz), 1e-12);
    }

    @Test
    void closedFormLayerCrossingAgreesWithTheGeneralOne() {
        for (double pt : new double[] {0.3, 0.8, 2, 20}) {
            for (int q = -1; q <= 1; q++) {
                p.start(0, 0, 1, pt, 0.3 * pt, pt, q);
                for (double r : CmsDetector.BARREL_LAYER_R) {
                    double general = p.crossing(r);
                    double closed = p.crossingFromBeamLine(r);
                    if (Double.isInfinite(general)) {
                        assertTrue(Double.isInfinite(closed));
                    } else {
                        assertEquals(general, closed, 1e-3 * general, "pT " + pt + " q " + q + " r " + r);
                    }
                }
            }
        }
    }
}
