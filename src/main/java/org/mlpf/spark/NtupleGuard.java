package org.mlpf.spark;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleSchema;

/**
 * The input guard of the stages that read ntuples: one Spark column, evaluated in the stage's own pass over the
 * data, that is null for a good event and otherwise names the first rule it breaks (field and rule). The rules are
 * those of {@code validate} (docs/ntuple-schema.md) for what a stage consumes: the schema version, no null lists,
 * finite element features and targets, element type codes 1-11, class codes 0-7, |eta| below
 * {@link #MAX_ABS_ETA}, non-negative pt and energies.
 */
public final class NtupleGuard {
    /** Largest |eta| of an element or a target, the default of {@code mlpf.validate.max-abs-eta}. */
    public static final double MAX_ABS_ETA = 6.0;

    private static final List<String> ETA = List.of("eta", "eta_ecal", "eta_hcal");
    private static final List<String> NON_NEGATIVE = List.of("pt", "e", "corr_energy");

    private NtupleGuard() {
    }

    /** Null for a good event, else the reason, e.g. {@code "elements.pt: not finite"}; {@code targets}: ygen or ycand. */
    public static Column reason(String targets) {
        Column c = null;
        for (Rule r : rules(targets)) {
            c = c == null ? when(r.broken(), lit(r.reason())) : c.when(r.broken(), lit(r.reason()));
        }
        return c;
    }

    /** Every reason {@link #reason} can give. */
    public static List<String> reasons(String targets) {
        List<String> out = new ArrayList<>();
        for (Rule r : rules(targets)) {
            out.add(r.reason());
        }
        return out;
    }

    private static List<Rule> rules(String targets) {
        List<Rule> rules = new ArrayList<>();
        rules.add(rule(col(NtupleSchema.SCHEMA_VERSION).notEqual(NtupleSchema.VERSION),
                "schema_version: not " + NtupleSchema.VERSION + ", the version this build reads"));
        rules.add(rule(col(NtupleSchema.ELEMENTS).isNull(), NtupleSchema.ELEMENTS + ": null"));
        rules.add(rule(col(targets).isNull(), targets + ": null"));
        for (ElementFeature f : ElementFeature.values()) {
            String name = f.column();
            rules.add(rule(exists(col(NtupleSchema.ELEMENTS), e -> notFinite(e.getField(name))),
                    NtupleSchema.ELEMENTS + "." + name + ": not finite"));
        }
        rules.add(rule(exists(col(NtupleSchema.ELEMENTS), e -> {
            Column t = e.getField("typ_idx");
            return t.lt(1).or(t.gt(11)).or(t.notEqual(floor(t)));
        }), NtupleSchema.ELEMENTS + ".typ_idx: element type code not in 1-11"));
        for (String name : ETA) {
            rules.add(rule(exists(col(NtupleSchema.ELEMENTS), e -> abs(e.getField(name)).geq(MAX_ABS_ETA)),
                    NtupleSchema.ELEMENTS + "." + name + ": |eta| >= " + MAX_ABS_ETA));
        }
        for (String name : NON_NEGATIVE) {
            rules.add(rule(exists(col(NtupleSchema.ELEMENTS), e -> e.getField(name).lt(0)),
                    NtupleSchema.ELEMENTS + "." + name + ": negative"));
        }
        for (String name : NtupleSchema.TARGET_FIELDS.subList(1, NtupleSchema.TARGET_FIELDS.size())) {
            rules.add(rule(exists(col(targets), t -> notFinite(t.getField(name))), targets + "." + name
                    + ": not finite"));
        }
        rules.add(rule(exists(col(targets), t -> t.getField(NtupleSchema.T_CLS).lt(0)
                .or(t.getField(NtupleSchema.T_CLS).geq(ParticleClass.COUNT))), targets + ".cls: class code not in 0-"
                + (ParticleClass.COUNT - 1)));
        rules.add(rule(exists(col(targets), t -> t.getField(NtupleSchema.T_PT).lt(0)
                .or(t.getField(NtupleSchema.T_ENERGY).lt(0))), targets + ".pt or energy: negative"));
        return rules;
    }

    /** A rule: the condition under which an event breaks it, and the reason given. */
    private record Rule(Column broken, String reason) {
    }

    private static Rule rule(Column broken, String reason) {
        return new Rule(broken, reason);
    }

    private static Column notFinite(Column x) {
        return x.isNaN().or(abs(x).equalTo(Double.POSITIVE_INFINITY));
    }
}
