package org.mlpf.validate;

import static org.mlpf.schema.NtupleSchema.ELEMENTS;
import static org.mlpf.schema.NtupleSchema.EVENT_ID;
import static org.mlpf.schema.NtupleSchema.GEN_MET;
import static org.mlpf.schema.NtupleSchema.GEN_MET_PHI;
import static org.mlpf.schema.NtupleSchema.GEN_PARTICLES;
import static org.mlpf.schema.NtupleSchema.PF_CANDIDATES;
import static org.mlpf.schema.NtupleSchema.SAMPLE;
import static org.mlpf.schema.NtupleSchema.SCHEMA_VERSION;
import static org.mlpf.schema.NtupleSchema.YCAND;
import static org.mlpf.schema.NtupleSchema.YGEN;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.NtupleSchema;

/**
 * Checks the values of ntuple rows: list lengths, type and class codes, finite numbers and physical ranges.
 * Field positions are resolved once from the dataset's actual schema, so files whose columns come in another
 * order are checked the same way.
 */
final class EventChecker implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Column holding the source file of each row, added by the validator. */
    static final String FILE_COLUMN = "_mlpf_file";

    /** Largest |phi|: pi rounded to float, since angles are stored as floats. */
    private static final double PHI_MAX = (float) Math.PI;

    private static final List<String> ETA_FEATURES = List.of("eta", "eta_ecal", "eta_hcal");
    private static final List<String> PHI_FEATURES = List.of("phi", "phi_ecal", "phi_hcal");
    private static final List<String> NON_NEGATIVE_FEATURES = List.of("pt", "e", "corr_energy");

    private final int maxOffenders;
    private final double maxAbsEta;
    private final int iFile;
    private final int iEventId;
    private final int iSample;
    private final int iVersion;
    private final int iElements;
    private final int iYgen;
    private final int iYcand;
    private final int iCands;
    private final int iGen;
    private final int iMet;
    private final int iMetPhi;
    private final String[] elementNames;
    private final int[] elementEta;
    private final int[] elementPhi;
    private final int[] elementNonNeg;
    private final int eTyp;
    private final int[] elementAll;
    private final int[] target;
    private final String[] targetNames;
    private final int[] cand;
    private final String[] candNames;
    private final int[] gen;
    private final String[] genNames;

    EventChecker(StructType schema, ValidateConfig cfg) {
        this.maxOffenders = cfg.maxOffenders();
        this.maxAbsEta = cfg.maxAbsEta();
        iFile = schema.fieldIndex(FILE_COLUMN);
        iEventId = schema.fieldIndex(EVENT_ID);
        iSample = schema.fieldIndex(SAMPLE);
        iVersion = schema.fieldIndex(SCHEMA_VERSION);
        iElements = schema.fieldIndex(ELEMENTS);
        iYgen = schema.fieldIndex(YGEN);
        iYcand = schema.fieldIndex(YCAND);
        iCands = schema.fieldIndex(PF_CANDIDATES);
        iGen = schema.fieldIndex(GEN_PARTICLES);
        iMet = schema.fieldIndex(GEN_MET);
        iMetPhi = schema.fieldIndex(GEN_MET_PHI);

        StructType el = elementType(schema, ELEMENTS);
        elementNames = NtupleSchema.ELEMENT.fieldNames();
        eTyp = el.fieldIndex("typ_idx");
        elementEta = indices(el, ETA_FEATURES);
        elementPhi = indices(el, PHI_FEATURES);
        elementNonNeg = indices(el, NON_NEGATIVE_FEATURES);
        // Positions of all expected element fields in the actual struct, for the finiteness check.
        elementAll = indices(el, List.of(elementNames));

        StructType t = elementType(schema, YGEN);
        targetNames = NtupleSchema.TARGET.fieldNames();
        target = indices(t, List.of(targetNames));
        StructType c = elementType(schema, PF_CANDIDATES);
        candNames = CandidateSchema.CANDIDATE.fieldNames();
        cand = indices(c, List.of(candNames));
        StructType g = elementType(schema, GEN_PARTICLES);
        genNames = NtupleSchema.GEN_PARTICLE.fieldNames();
        gen = indices(g, List.of(genNames));
    }

    /** Checks a partition of rows and returns its summary. */
    Iterator<ValidationSummary> checkPartition(Iterator<Row> rows) {
        ValidationSummary s = new ValidationSummary(maxOffenders);
        while (rows.hasNext()) {
            check(rows.next(), s);
        }
        return List.of(s).iterator();
    }

    void check(Row r, ValidationSummary s) {
        String file = r.getString(iFile);
        long id = r.isNullAt(iEventId) ? -1 : r.getLong(iEventId);
        Sink sink = (field, value, rule) -> s.add(new Violation(file, id, field, String.valueOf(value), rule));
        s.events++;
        for (int i : new int[] {iEventId, iVersion, iElements, iYgen, iYcand, iCands, iGen, iMet, iMetPhi}) {
            if (r.isNullAt(i)) {
                sink.add(r.schema().fieldNames()[i], "null", "missing value");
                return;
            }
        }
        s.eventsPerSample.merge(r.isNullAt(iSample) ? "(none)" : r.getString(iSample), 1L, Long::sum);
        int version = r.getInt(iVersion);
        if (version != NtupleSchema.VERSION) {
            sink.add(SCHEMA_VERSION, version, "schema version is not " + NtupleSchema.VERSION);
        }
        List<Row> elements = r.getList(iElements);
        int n = elements.size();
        s.elements += n;
        s.maxElements = Math.max(s.maxElements, n);
        for (int i = 0; i < n; i++) {
            try {
                checkElement(elements.get(i), i, sink);
            } catch (NullPointerException e) {
                sink.add(ELEMENTS + "[" + i + "]", "null", "missing value");
            }
        }
        try {
            checkTargets(r.getList(iYgen), YGEN, n, s.ygenClassCounts, sink);
            checkTargets(r.getList(iYcand), YCAND, n, s.ycandClassCounts, sink);
            List<Row> cands = r.getList(iCands);
            for (int i = 0; i < cands.size(); i++) {
                checkCandidate(cands.get(i), PF_CANDIDATES + "[" + i + "]", n, sink);
            }
            List<Row> genParticles = r.getList(iGen);
            for (int i = 0; i < genParticles.size(); i++) {
                checkGen(genParticles.get(i), GEN_PARTICLES + "[" + i + "]", sink);
            }
        } catch (NullPointerException e) {
            // A null inside a target, candidate or gen particle: Spark reads every Parquet field as nullable.
            sink.add("targets, candidates or gen_particles", "null", "missing value");
        }
        float met = r.getFloat(iMet);
        if (!Float.isFinite(met) || met < 0) {
            sink.add(GEN_MET, met, "not a finite non-negative number");
        }
        checkPhi(r.getFloat(iMetPhi), GEN_MET_PHI, sink);
    }

    private void checkElement(Row e, int i, Sink sink) {
        String at = ELEMENTS + "[" + i + "].";
        for (int k = 0; k < elementAll.length; k++) {
            float v = e.getFloat(elementAll[k]);
            if (!Float.isFinite(v)) {
                sink.add(at + elementNames[k], v, "not finite");
            }
        }
        float typ = e.getFloat(eTyp);
        if (typ != Math.rint(typ) || !ElementType.isRealCode((int) typ)) {
            sink.add(at + "typ_idx", typ, "element type code not in 1-11");
        }
        for (int k = 0; k < elementEta.length; k++) {
            checkEta(e.getFloat(elementEta[k]), at + ETA_FEATURES.get(k), sink);
        }
        for (int k = 0; k < elementPhi.length; k++) {
            checkPhi(e.getFloat(elementPhi[k]), at + PHI_FEATURES.get(k), sink);
        }
        for (int k = 0; k < elementNonNeg.length; k++) {
            float v = e.getFloat(elementNonNeg[k]);
            if (v < 0) {
                sink.add(at + NON_NEGATIVE_FEATURES.get(k), v, "negative");
            }
        }
    }

    private void checkTargets(List<Row> ts, String column, int n, long[] classCounts, Sink sink) {
        if (ts.size() != n) {
            sink.add(column, ts.size() + " rows", "length differs from elements (" + n + ")");
        }
        for (int i = 0; i < ts.size(); i++) {
            Row t = ts.get(i);
            String at = column + "[" + i + "].";
            int cls = t.getInt(target[0]);
            if (ParticleClass.isValidIndex(cls)) {
                classCounts[cls]++;
            } else {
                sink.add(at + targetNames[0], cls, "class code not in 0-7");
            }
            for (int k = 1; k < target.length; k++) {
                float v = t.getFloat(target[k]);
                if (!Float.isFinite(v)) {
                    sink.add(at + targetNames[k], v, "not finite");
                }
            }
            // Target order (NtupleSchema.TARGET_FIELDS): cls, charge, pt, eta, sin_phi, cos_phi, energy.
            nonNegative(t.getFloat(target[2]), at + targetNames[2], sink);
            checkEta(t.getFloat(target[3]), at + targetNames[3], sink);
            unit(t.getFloat(target[4]), at + targetNames[4], sink);
            unit(t.getFloat(target[5]), at + targetNames[5], sink);
            nonNegative(t.getFloat(target[6]), at + targetNames[6], sink);
        }
    }

    private void checkCandidate(Row c, String at, int n, Sink sink) {
        // Candidate order (CandidateSchema.CANDIDATE): cls, charge, pt, eta, phi, energy, elem_index, vz.
        int cls = c.getInt(cand[0]);
        if (cls < 1 || cls >= ParticleClass.COUNT) {
            sink.add(at + "." + candNames[0], cls, "candidate class code not in 1-7");
        }
        for (int k = 2; k <= 5; k++) {
            float v = c.getFloat(cand[k]);
            if (!Float.isFinite(v)) {
                sink.add(at + "." + candNames[k], v, "not finite");
            }
        }
        nonNegative(c.getFloat(cand[2]), at + "." + candNames[2], sink);
        checkEta(c.getFloat(cand[3]), at + "." + candNames[3], sink);
        checkPhi(c.getFloat(cand[4]), at + "." + candNames[4], sink);
        nonNegative(c.getFloat(cand[5]), at + "." + candNames[5], sink);
        int elem = c.getInt(cand[6]);
        if (elem < 0 || elem >= n) {
            sink.add(at + "." + candNames[6], elem, "not an index of the event's " + n + " elements");
        }
    }

    private void checkGen(Row g, String at, Sink sink) {
        // Gen order (NtupleSchema.GEN_PARTICLE): pdg_id, charge, status, px, py, pz, e, vx, vy, vz, vertex_id.
        for (int k = 3; k < 10; k++) {
            double v = g.getDouble(gen[k]);
            if (!Double.isFinite(v)) {
                sink.add(at + "." + genNames[k], v, "not finite");
            }
        }
        double e = g.getDouble(gen[6]);
        if (e < 0) {
            sink.add(at + "." + genNames[6], e, "negative");
        }
    }

    private void checkEta(float eta, String field, Sink sink) {
        if (Math.abs(eta) >= maxAbsEta) {
            sink.add(field, eta, "|eta| >= " + maxAbsEta);
        }
    }

    private static void checkPhi(float phi, String field, Sink sink) {
        if (Math.abs(phi) > PHI_MAX) {
            sink.add(field, phi, "phi outside [-pi, pi]");
        }
    }

    private static void nonNegative(float v, String field, Sink sink) {
        if (v < 0) {
            sink.add(field, v, "negative");
        }
    }

    private static void unit(float v, String field, Sink sink) {
        if (Math.abs(v) > 1.0f) {
            sink.add(field, v, "outside [-1, 1]");
        }
    }

    private static StructType elementType(StructType schema, String column) {
        return (StructType) ((ArrayType) schema.apply(column).dataType()).elementType();
    }

    private static int[] indices(StructType t, List<String> names) {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.fieldIndex(names.get(i));
        }
        return out;
    }

    @FunctionalInterface
    private interface Sink {
        void add(String field, Object value, String rule);
    }
}
