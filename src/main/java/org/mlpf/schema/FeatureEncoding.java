package org.mlpf.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.mlpf.physics.ElementType;

/**
 * The model's input encoding of one PF element (docs/model.md, after particleflow's {@code InputEncodingCMS}):
 * one-hot of the element type (12), 18 derived features, then the 25 raw CMS features: 55 values. Plain Java,
 * so that tensorize computes normalization statistics on exactly the values the model's input block (which
 * implements the same formulas on NDArrays) will see.
 *
 * <p>Derived features, in order: log(pt+1), its square root and square; sinh(eta) and cosh(eta) clipped to
 * [-10, 10]; |eta|; sin and cos of phi; log(E+1), its square root and square; log(E+1) - log(cosh(eta))
 * (transverse energy); 10 x layer; 10 x depth; sin and cos of phi_ecal; sin and cos of phi_hcal.
 */
public final class FeatureEncoding {
    /** Width of the encoded element. */
    public static final int WIDTH = ElementType.COUNT + 18 + ElementFeature.NUM_CMS;
    /** Position of the first derived feature. */
    public static final int DERIVED_OFFSET = ElementType.COUNT;
    /** Position of the first raw feature (typ_idx). */
    public static final int RAW_OFFSET = ElementType.COUNT + 18;

    private static final List<String> NAMES = names();

    private FeatureEncoding() {
    }

    /** Names of the 55 encoded features, for reports and the normalization file. */
    public static List<String> names() {
        if (NAMES != null) {
            return NAMES;
        }
        List<String> n = new ArrayList<>();
        for (ElementType t : ElementType.values()) {
            n.add("is_" + t.name().toLowerCase(java.util.Locale.ROOT));
        }
        n.addAll(List.of("log_pt", "sqrt_log_pt", "log_pt_sq", "sinh_eta", "cosh_eta", "abs_eta", "sin_phi", "cos_phi",
                "log_e", "sqrt_log_e", "log_e_sq", "log_et", "layer_x10", "depth_x10", "sin_phi_ecal", "cos_phi_ecal",
                "sin_phi_hcal", "cos_phi_hcal"));
        for (ElementFeature f : ElementFeature.values()) {
            if (f.isCms()) {
                n.add(f.column());
            }
        }
        return Collections.unmodifiableList(n);
    }

    /**
     * Encodes one element.
     *
     * @param raw    the element's columns in {@link ElementFeature} order, starting at {@code rawOffset}
     *               (only the 25 CMS features are read)
     * @param out    receives {@link #WIDTH} values starting at {@code outOffset}
     */
    public static void encode(float[] raw, int rawOffset, float[] out, int outOffset) {
        int typ = (int) raw[rawOffset + ElementFeature.TYP_IDX.ordinal()];
        for (int k = 0; k < ElementType.COUNT; k++) {
            out[outOffset + k] = k == typ ? 1f : 0f;
        }
        double pt = raw[rawOffset + ElementFeature.PT.ordinal()];
        double eta = raw[rawOffset + ElementFeature.ETA.ordinal()];
        double phi = raw[rawOffset + ElementFeature.PHI.ordinal()];
        double e = raw[rawOffset + ElementFeature.E.ordinal()];
        double logPt = Math.log(pt + 1.0);
        double logE = Math.log(e + 1.0);
        double coshEta = clip(Math.cosh(eta));
        int o = outOffset + DERIVED_OFFSET;
        out[o] = (float) logPt;
        out[o + 1] = (float) Math.sqrt(logPt);
        out[o + 2] = (float) (logPt * logPt);
        out[o + 3] = (float) clip(Math.sinh(eta));
        out[o + 4] = (float) coshEta;
        out[o + 5] = (float) Math.abs(eta);
        out[o + 6] = (float) Math.sin(phi);
        out[o + 7] = (float) Math.cos(phi);
        out[o + 8] = (float) logE;
        out[o + 9] = (float) Math.sqrt(logE);
        out[o + 10] = (float) (logE * logE);
        out[o + 11] = (float) (logE - Math.log(coshEta));
        out[o + 12] = 10f * raw[rawOffset + ElementFeature.LAYER.ordinal()];
        out[o + 13] = 10f * raw[rawOffset + ElementFeature.DEPTH.ordinal()];
        out[o + 14] = (float) Math.sin(raw[rawOffset + ElementFeature.PHI_ECAL.ordinal()]);
        out[o + 15] = (float) Math.cos(raw[rawOffset + ElementFeature.PHI_ECAL.ordinal()]);
        out[o + 16] = (float) Math.sin(raw[rawOffset + ElementFeature.PHI_HCAL.ordinal()]);
        out[o + 17] = (float) Math.cos(raw[rawOffset + ElementFeature.PHI_HCAL.ordinal()]);
        System.arraycopy(raw, rawOffset, out, outOffset + RAW_OFFSET, ElementFeature.NUM_CMS);
    }

    private static double clip(double v) {
        return Math.max(-10.0, Math.min(10.0, v));
    }
}
