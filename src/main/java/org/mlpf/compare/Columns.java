package org.mlpf.compare;

/**
 * Names of the headline's tables and of their columns, shared by the classes that compute them ({@link Verdict},
 * {@link JetComparison}, {@link ParticleComparison}), the report and the tests. The columns every table has
 * (sample, source, bin, bin_label, n, median, ...) keep the names {@link Stats} gives them; {@code docs/compare.md}
 * defines each table.
 */
final class Columns {
    // Tables.
    static final String HEADLINE = "headline";
    static final String VERDICT = "verdict";
    static final String JET_DEFINITION = "jet_definition";
    static final String JET_EFFICIENCY_PT = "jet_efficiency_pt";
    static final String JET_CONSTITUENTS = "jet_constituents";
    static final String JET_CLASS_RESIDUALS = "jet_class_residuals";
    static final String PARTICLE_RESPONSE = "particle_response";

    // headline and verdict: PF and MLPF side by side.
    static final String POSITION = "position";
    static final String QUANTITY = "quantity";
    static final String N_PF = "n_pf";
    static final String PF = "pf";
    static final String PF_ERR = "pf_err";
    static final String N_MLPF = "n_mlpf";
    static final String MLPF = "mlpf";
    static final String MLPF_ERR = "mlpf_err";
    static final String GEN = "gen";
    static final String GEN_ERR = "gen_err";
    static final String DIFF = "mlpf_minus_pf";
    static final String SIGNIFICANCE = "significance";
    /** What is better: lower, higher, closer to 1, closer to gen. */
    static final String BETTER = "better";
    static final String VERDICT_TEXT = "verdict";

    // jet_definition.
    static final String N_EVENTS = "n_events";

    // jet_constituents (each mean has a "_err" column with its standard error).
    static final String N_JETS = "n_jets";
    static final String MEAN_CONSTITUENTS = "mean_constituents";
    static final String CHARGED_FRACTION = "charged_fraction";
    static final String NEUTRAL_FRACTION = "neutral_fraction";
    static final String MULTIPLICITY_RATIO = "multiplicity_ratio";

    // jet_class_residuals (with n_jets; the mean and the rms each have a "_err" column).
    static final String GROUP = "group";
    static final String MEAN_RESIDUAL = "mean_residual";
    static final String RMS_RESIDUAL = "rms_residual";

    // particle_response.
    static final String IQR_ERR = "iqr_err";

    private Columns() {
    }
}
