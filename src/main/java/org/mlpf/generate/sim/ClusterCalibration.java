package org.mlpf.generate.sim;

/**
 * Calibration of cluster energies: the mean fraction of a single shower's deposited energy that its cluster keeps
 * (cells below the clustering threshold are lost, most at low energy), tabulated against energy per layer and
 * divided out, as CMS calibrates its PF clusters. The tables were measured on single photons (ECAL, HF EM) and
 * single K0L (HCAL, HF HAD) of this simulation with the default thresholds, counting only showers that made a
 * cluster; they are detector constants, independent of any physics sample. Interpolation is linear in log E.
 */
final class ClusterCalibration {
    private static final double[] ECAL_BARREL_E = {0.7, 1, 1.5, 2, 3, 5, 7, 10, 20, 50, 100};
    private static final double[] ECAL_BARREL_R = {0.775, 0.866, 0.924, 0.950, 0.968, 0.982, 0.989, 0.993, 0.997,
        0.999, 1.0};
    private static final double[] ECAL_ENDCAP_E = {0.7, 1, 1.5, 2, 3, 5, 7, 10, 20, 50, 100};
    private static final double[] ECAL_ENDCAP_R = {0.850, 0.912, 0.946, 0.965, 0.977, 0.988, 0.992, 0.995, 0.998,
        0.999, 1.0};
    private static final double[] HCAL_E = {1.5, 2, 3, 5, 7, 10, 20, 50, 100, 200};
    private static final double[] HCAL_R = {0.733, 0.787, 0.841, 0.909, 0.939, 0.960, 0.982, 0.994, 0.998, 0.999};
    private static final double[] HFEM_E = {2, 3, 5, 7, 10, 20, 50, 100, 200};
    private static final double[] HFEM_R = {0.85, 0.85, 0.896, 0.932, 0.956, 0.980, 0.993, 0.997, 0.999};
    private static final double[] HFHAD_E = {3, 5, 7, 10, 20, 50, 100, 200};
    private static final double[] HFHAD_R = {0.60, 0.66, 0.69, 0.71, 0.80, 0.93, 0.97, 0.988};

    private ClusterCalibration() {
    }

    /** Calibrated energy (GeV) of a cluster of measured energy {@code e} at {@code eta} in {@code layer}. */
    static double correct(int layer, double e, double eta) {
        if (e <= 0) {
            return 0;
        }
        double[] xs;
        double[] rs;
        switch (layer) {
            case Calorimetry.ECAL -> {
                boolean barrel = Math.abs(eta) < CmsDetector.ECAL_BARREL_ETA;
                xs = barrel ? ECAL_BARREL_E : ECAL_ENDCAP_E;
                rs = barrel ? ECAL_BARREL_R : ECAL_ENDCAP_R;
            }
            case Calorimetry.HCAL -> {
                xs = HCAL_E;
                rs = HCAL_R;
            }
            case Calorimetry.HFEM -> {
                xs = HFEM_E;
                rs = HFEM_R;
            }
            default -> {
                xs = HFHAD_E;
                rs = HFHAD_R;
            }
        }
        // The tables are in deposited energy: one fixed-point step from the measured energy is enough.
        double c = e / response(xs, rs, e);
        return e / response(xs, rs, c);
    }

    private static double response(double[] xs, double[] rs, double e) {
        int n = xs.length;
        if (e <= xs[0]) {
            return rs[0];
        }
        if (e >= xs[n - 1]) {
            return rs[n - 1];
        }
        int j = 1;
        while (xs[j] < e) {
            j++;
        }
        double f = Math.log(e / xs[j - 1]) / Math.log(xs[j] / xs[j - 1]);
        return rs[j - 1] + f * (rs[j] - rs[j - 1]);
    }
}
