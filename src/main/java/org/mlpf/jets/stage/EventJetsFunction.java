package org.mlpf.jets.stage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.mlpf.jets.JetDefinition;
import org.mlpf.schema.CandidateSchema;
import org.mlpf.schema.JetSchema;
import org.mlpf.schema.NtupleSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-partition work of {@link JetsStage}: turns each joined input row (ntuple event and, optionally, its MLPF
 * candidates) into up to three output rows (gen, pf, mlpf), lazily, with one reusable {@link JetInputs} per
 * partition. Field positions are resolved once on the driver from the joined schema, so files whose structs
 * carry extra fields (forward compatibility) are read correctly.
 */
final class EventJetsFunction implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EventJetsFunction.class);

    private final JetsConfig cfg;
    private final boolean withMlpf;
    private final String algorithm;

    // Top-level positions in the joined row.
    private final int iSample;
    private final int iEventId;
    private final int iVersion;
    private final int iPvZ;
    private final int iPf;
    private final int iGen;
    private final int iHasNtuple;
    private final int iMlpfVersion;
    private final int iMlpf;
    private final int iHasMlpf;
    // Positions inside a candidate struct (PF and MLPF lists may differ if written by different versions).
    private final int[] pfFields;
    private final int[] mlpfFields;
    // Positions inside a generator-particle struct: pdg_id, status, vertex_id, px, py, pz, e.
    private final int[] genFields;

    private static final String[] CANDIDATE_FIELDS = {CandidateSchema.CHARGE, CandidateSchema.PT,
        CandidateSchema.ETA, CandidateSchema.PHI, CandidateSchema.ENERGY, CandidateSchema.VZ};
    private static final String[] GEN_FIELDS = {NtupleSchema.G_PDG_ID, NtupleSchema.G_STATUS,
        NtupleSchema.G_VERTEX_ID, NtupleSchema.G_PX, NtupleSchema.G_PY, NtupleSchema.G_PZ, NtupleSchema.G_E};

    EventJetsFunction(StructType joined, JetsConfig cfg, boolean withMlpf) {
        this.cfg = cfg;
        this.withMlpf = withMlpf;
        this.algorithm = cfg.algorithm().cliName();
        iSample = joined.fieldIndex(NtupleSchema.SAMPLE);
        iEventId = joined.fieldIndex(NtupleSchema.EVENT_ID);
        iVersion = joined.fieldIndex(NtupleSchema.SCHEMA_VERSION);
        iPvZ = joined.fieldIndex(NtupleSchema.PV_Z);
        iPf = joined.fieldIndex(NtupleSchema.PF_CANDIDATES);
        iGen = joined.fieldIndex(NtupleSchema.GEN_PARTICLES);
        iHasNtuple = joined.fieldIndex(JetsStage.HAS_NTUPLE);
        pfFields = positions(JetsStage.elementStruct(joined, NtupleSchema.PF_CANDIDATES), CANDIDATE_FIELDS);
        genFields = positions(JetsStage.elementStruct(joined, NtupleSchema.GEN_PARTICLES), GEN_FIELDS);
        if (withMlpf) {
            iMlpfVersion = joined.fieldIndex(JetsStage.MLPF_SCHEMA_VERSION);
            iMlpf = joined.fieldIndex(CandidateSchema.CANDIDATES);
            iHasMlpf = joined.fieldIndex(JetsStage.HAS_MLPF);
            mlpfFields = positions(JetsStage.elementStruct(joined, CandidateSchema.CANDIDATES), CANDIDATE_FIELDS);
        } else {
            iMlpfVersion = -1;
            iMlpf = -1;
            iHasMlpf = -1;
            mlpfFields = null;
        }
    }

    private static int[] positions(StructType t, String[] names) {
        int[] out = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            out[k] = t.fieldIndex(names[k]);
        }
        return out;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        JetInputs buffer = new JetInputs();
        JetDefinition def = cfg.definition();
        ArrayDeque<Row> pending = new ArrayDeque<>(4);
        long t0 = System.nanoTime();
        return new Iterator<>() {
            private long events;
            private boolean logged;

            @Override
            public boolean hasNext() {
                while (pending.isEmpty() && input.hasNext()) {
                    process(input.next(), buffer, def, pending);
                    events++;
                }
                if (pending.isEmpty() && !logged) {
                    logged = true;
                    double s = (System.nanoTime() - t0) / 1e9;
                    TaskContext tc = TaskContext.get();
                    LOG.info("jets: partition {} done: {} events in {} s ({} events/s)", tc == null ? -1
                            : tc.partitionId(), events, String.format("%.1f", s),
                            String.format("%.0f", events / Math.max(s, 1e-9)));
                }
                return !pending.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.poll();
            }
        };
    }

    /** The output rows of one joined input row. */
    private void process(Row row, JetInputs buffer, JetDefinition def, ArrayDeque<Row> out) {
        Long eventId = row.isNullAt(iEventId) ? null : row.getLong(iEventId);
        String sample = row.isNullAt(iSample) ? null : row.getString(iSample);
        boolean hasNtuple = !row.isNullAt(iHasNtuple);
        boolean hasMlpf = withMlpf && !row.isNullAt(iHasMlpf);
        String keyProblem = eventId == null ? "event_id is null" : sample == null ? "sample is null" : null;

        if (!hasNtuple) {
            out.add(quarantined(eventId, sample, JetSchema.SOURCE_MLPF,
                    "no ntuple event with this sample and event_id (MLPF candidates without their event)"));
            return;
        }
        String ntupleProblem = keyProblem;
        if (ntupleProblem == null && (row.isNullAt(iVersion) || row.getInt(iVersion) != NtupleSchema.VERSION)) {
            ntupleProblem = "ntuple schema_version " + (row.isNullAt(iVersion) ? "null" : row.getInt(iVersion))
                    + " is not supported (expected " + NtupleSchema.VERSION + ")";
        }
        Double pvZ = row.isNullAt(iPvZ) ? null : (double) row.getFloat(iPvZ);

        out.add(ntupleProblem != null ? quarantined(eventId, sample, JetSchema.SOURCE_GEN, ntupleProblem)
                : genJets(row, eventId, sample, buffer, def));
        out.add(ntupleProblem != null ? quarantined(eventId, sample, JetSchema.SOURCE_PF, ntupleProblem)
                : candidateJets(row.isNullAt(iPf) ? null : row.getList(iPf), pfFields, NtupleSchema.PF_CANDIDATES,
                        JetSchema.SOURCE_PF, pvZ, eventId, sample, buffer, def));
        if (withMlpf) {
            String mlpfProblem = ntupleProblem;
            if (mlpfProblem == null && !hasMlpf) {
                mlpfProblem = "no MLPF candidates for this event";
            }
            if (mlpfProblem == null && (row.isNullAt(iMlpfVersion)
                    || row.getInt(iMlpfVersion) != CandidateSchema.VERSION)) {
                mlpfProblem = "candidates schema_version " + (row.isNullAt(iMlpfVersion) ? "null"
                        : row.getInt(iMlpfVersion)) + " is not supported (expected " + CandidateSchema.VERSION + ")";
            }
            out.add(mlpfProblem != null ? quarantined(eventId, sample, JetSchema.SOURCE_MLPF, mlpfProblem)
                    : candidateJets(row.isNullAt(iMlpf) ? null : row.getList(iMlpf), mlpfFields,
                            CandidateSchema.CANDIDATES, JetSchema.SOURCE_MLPF, pvZ, eventId, sample, buffer, def));
        }
    }

    private Row genJets(Row row, long eventId, String sample, JetInputs buffer, JetDefinition def) {
        if (row.isNullAt(iGen)) {
            return quarantined(eventId, sample, JetSchema.SOURCE_GEN, NtupleSchema.GEN_PARTICLES + " is null");
        }
        List<Row> gen = row.getList(iGen);
        buffer.reset();
        for (int i = 0; i < gen.size(); i++) {
            Row p = gen.get(i);
            String problem = nullField(p, genFields, GEN_FIELDS);
            if (problem != null) {
                return quarantined(eventId, sample, JetSchema.SOURCE_GEN,
                        NtupleSchema.GEN_PARTICLES + "[" + i + "]" + problem);
            }
            if (!JetInputs.isGenJetInput(p.getInt(genFields[1]), p.getInt(genFields[2]), p.getInt(genFields[0]))) {
                continue;
            }
            double px = p.getDouble(genFields[3]);
            double py = p.getDouble(genFields[4]);
            double pz = p.getDouble(genFields[5]);
            double e = p.getDouble(genFields[6]);
            if (!(Double.isFinite(px) && Double.isFinite(py) && Double.isFinite(pz) && Double.isFinite(e))) {
                return quarantined(eventId, sample, JetSchema.SOURCE_GEN, NtupleSchema.GEN_PARTICLES + "[" + i
                        + "] has a non-finite momentum (" + px + ", " + py + ", " + pz + ", " + e + ")");
            }
            buffer.add(px, py, pz, e, i);
        }
        return jetsRow(eventId, sample, JetSchema.SOURCE_GEN, false, buffer, def);
    }

    private Row candidateJets(List<Row> cands, int[] fields, String column, String source, Double pvZ, long eventId,
                              String sample, JetInputs buffer, JetDefinition def) {
        if (cands == null) {
            return quarantined(eventId, sample, source, column + " is null");
        }
        if (cfg.chs() && (pvZ == null || !Double.isFinite(pvZ))) {
            return quarantined(eventId, sample, source, NtupleSchema.PV_Z + " is " + pvZ
                    + ": CHS needs the primary vertex");
        }
        buffer.reset();
        for (int i = 0; i < cands.size(); i++) {
            Row c = cands.get(i);
            String problem = nullField(c, fields, CANDIDATE_FIELDS);
            if (problem != null) {
                return quarantined(eventId, sample, source, column + "[" + i + "]" + problem);
            }
            int charge = c.getInt(fields[0]);
            double pt = c.getFloat(fields[1]);
            double eta = c.getFloat(fields[2]);
            double phi = c.getFloat(fields[3]);
            double energy = c.getFloat(fields[4]);
            double vz = c.getFloat(fields[5]);
            if (!(Double.isFinite(pt) && Double.isFinite(eta) && Double.isFinite(phi) && Double.isFinite(energy))) {
                return quarantined(eventId, sample, source, column + "[" + i + "] has a non-finite value (pt " + pt
                        + ", eta " + eta + ", phi " + phi + ", energy " + energy + ")");
            }
            if (cfg.chs()) {
                if (charge != 0 && !Double.isFinite(vz)) {
                    return quarantined(eventId, sample, source, column + "[" + i + "].vz = " + vz
                            + ": CHS needs the track's z");
                }
                if (JetInputs.chsRemoves(charge, vz, pvZ, cfg.chsDz())) {
                    buffer.countChsRemoved();
                    continue;
                }
            }
            buffer.addPtEtaPhiE(pt, eta, phi, energy, i);
        }
        return jetsRow(eventId, sample, source, cfg.chs(), buffer, def);
    }

    /** ".name is null" for the first null field among {@code positions}, else null. */
    private static String nullField(Row r, int[] positions, String[] names) {
        if (r == null) {
            return " is null";
        }
        for (int k = 0; k < positions.length; k++) {
            if (r.isNullAt(positions[k])) {
                return "." + names[k] + " is null";
            }
        }
        return null;
    }

    private Row jetsRow(long eventId, String sample, String source, boolean chs, JetInputs buffer, JetDefinition def) {
        List<JetInputs.Jet> jets = buffer.cluster(def, cfg.ptmin());
        List<Row> rows = new ArrayList<>(jets.size());
        for (JetInputs.Jet j : jets) {
            List<Integer> c = new ArrayList<>(j.constituents().length);
            for (int i : j.constituents()) {
                c.add(i);
            }
            rows.add(RowFactory.create(j.pt(), j.eta(), j.rap(), j.phi(), j.m(), j.px(), j.py(), j.pz(), j.e(), seq(c)));
        }
        return RowFactory.create(eventId, sample, JetSchema.VERSION, source, algorithm, cfg.r(), cfg.ptmin(), chs,
                buffer.size(), buffer.chsRemoved(), seq(rows), null);
    }

    private Row quarantined(Long eventId, String sample, String source, String reason) {
        return RowFactory.create(eventId, sample, JetSchema.VERSION, source, algorithm, cfg.r(), cfg.ptmin(), false,
                0, 0, seq(List.of()), reason);
    }

    /** A Scala view of a list: the row encoder of mapPartitions wants Scala sequences for array columns. */
    private static <T> scala.collection.Seq<T> seq(List<T> list) {
        return scala.collection.JavaConverters.asScalaBuffer(list);
    }
}
