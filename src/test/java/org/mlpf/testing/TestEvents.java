package org.mlpf.testing;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.mlpf.physics.ElementType;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NtupleEvent;
import org.mlpf.schema.NtupleSchema;

/**
 * Small hand-made events for tests: physically consistent (a pion's track and its HCAL cluster, a photon's ECAL
 * cluster, a neutrino giving MET), so that every stage's test can start from a valid ntuple.
 */
public final class TestEvents {
    private TestEvents() {
    }

    /**
     * A valid event: a charged pion (track + HCAL cluster), a photon (ECAL cluster) and a neutrino, with gen and
     * PF targets and PF candidates. {@code id} varies the kinematics slightly.
     */
    public static NtupleEvent pionPhotonNeutrino(long id, String sample) {
        NtupleEvent ev = new NtupleEvent(id, sample);
        float dphi = 0.01f * (id % 7);
        float pt = 10f + id % 5;
        float eta = 0.5f;
        float phi = 1.0f + dphi;
        float p = (float) (pt * Math.cosh(eta));

        int trk = track(ev, pt, eta, phi, +1, 0.3f);
        // The pion's shower: PF links this HCAL cluster to the track, so it makes no candidate of its own.
        cluster(ev, ElementType.HCAL, 0.9f * p, eta + 0.02f, phi - 0.03f);
        int ecal = cluster(ev, ElementType.ECAL, 20f, -1.2f, -2.0f);

        ev.setYgen(trk, ParticleClass.CHARGED_HADRON.index(), 1f, pt, eta, phi, p);
        ev.setYgen(ecal, ParticleClass.PHOTON.index(), 0f, (float) (20 / Math.cosh(-1.2)), -1.2f, -2.0f, 20f);
        ev.setYcand(trk, ParticleClass.CHARGED_HADRON.index(), 1f, pt, eta, phi, p);
        ev.setYcand(ecal, ParticleClass.PHOTON.index(), 0f, (float) (19.5 / Math.cosh(-1.2)), -1.2f, -2.0f, 19.5f);
        ev.addCandidate(ParticleClass.CHARGED_HADRON.index(), 1, pt, eta, phi, p, trk, 0.3f);
        ev.addCandidate(ParticleClass.PHOTON.index(), 0, (float) (19.5 / Math.cosh(-1.2)), -1.2f, -2.0f, 19.5f, ecal, 0f);

        gen(ev, 211, 1, pt, eta, phi, 0.13957);
        gen(ev, 22, 0, 20 / Math.cosh(-1.2), -1.2, -2.0, 0);
        gen(ev, 14, 0, 15, 0.1, -1.0, 0);
        ev.setGenMet(15f, -1.0f);
        ev.setPileup(0, 0.3f);
        return ev;
    }

    /**
     * An event with {@code n} elements (n >= 3): {@link #pionPhotonNeutrino} plus ECAL and HCAL clusters whose
     * energy and position vary with the index and the event id; every third extra cluster is a neutral hadron.
     */
    public static NtupleEvent withElements(long id, String sample, int n) {
        NtupleEvent ev = pionPhotonNeutrino(id, sample);
        for (int i = ev.numElements(); i < n; i++) {
            ElementType type = i % 2 == 0 ? ElementType.ECAL : ElementType.HCAL;
            float e = 1f + (i * 37 + id * 11) % 50;
            float eta = -2.4f + (i % 48) * 0.1f;
            float phi = -3f + (i % 60) * 0.1f;
            int k = cluster(ev, type, e, eta, phi);
            ev.setFeature(k, ElementFeature.LAYER, type == ElementType.ECAL ? -1 : 1);
            if (i % 3 == 0) {
                ev.setYgen(k, ParticleClass.NEUTRAL_HADRON.index(), 0f, (float) (e / Math.cosh(eta)), eta, phi, e);
            }
        }
        return ev;
    }

    /** Appends a track element with consistent momentum components and returns its index. */
    public static int track(NtupleEvent ev, float pt, float eta, float phi, int charge, float vz) {
        int i = ev.addElement(ElementType.TRACK.code());
        ev.setFeature(i, ElementFeature.PT, pt).setFeature(i, ElementFeature.ETA, eta)
                .setFeature(i, ElementFeature.PHI, phi)
                .setFeature(i, ElementFeature.E, (float) (pt * Math.cosh(eta)))
                .setFeature(i, ElementFeature.CHARGE, charge)
                .setFeature(i, ElementFeature.ETA_ECAL, eta).setFeature(i, ElementFeature.PHI_ECAL, phi)
                .setFeature(i, ElementFeature.ETA_HCAL, eta).setFeature(i, ElementFeature.PHI_HCAL, phi)
                .setFeature(i, ElementFeature.PX, (float) (pt * Math.cos(phi)))
                .setFeature(i, ElementFeature.PY, (float) (pt * Math.sin(phi)))
                .setFeature(i, ElementFeature.PZ, (float) (pt * Math.sinh(eta)))
                .setFeature(i, ElementFeature.NUM_HITS, 14).setFeature(i, ElementFeature.VZ, vz);
        return i;
    }

    /** Appends a calorimeter cluster element and returns its index. */
    public static int cluster(NtupleEvent ev, ElementType type, float e, float eta, float phi) {
        int i = ev.addElement(type.code());
        ev.setFeature(i, ElementFeature.PT, (float) (e / Math.cosh(eta))).setFeature(i, ElementFeature.ETA, eta)
                .setFeature(i, ElementFeature.PHI, phi).setFeature(i, ElementFeature.E, e)
                .setFeature(i, ElementFeature.ETA_ECAL, eta).setFeature(i, ElementFeature.PHI_ECAL, phi)
                .setFeature(i, ElementFeature.ETA_HCAL, eta).setFeature(i, ElementFeature.PHI_HCAL, phi)
                .setFeature(i, ElementFeature.NUM_HITS, 5).setFeature(i, ElementFeature.CORR_ENERGY, e);
        return i;
    }

    private static void gen(NtupleEvent ev, int pdg, int charge, double pt, double eta, double phi, double m) {
        double px = pt * Math.cos(phi);
        double py = pt * Math.sin(phi);
        double pz = pt * Math.sinh(eta);
        double e = Math.sqrt(px * px + py * py + pz * pz + m * m);
        ev.addGenParticle(pdg, charge, 1, px, py, pz, e, 0, 0, 0.3, 0);
    }

    /** {@code n} valid events with ids 0..n-1 as rows. */
    public static List<Row> validRows(int n, String sample) {
        return java.util.stream.LongStream.range(0, n).mapToObj(i -> pionPhotonNeutrino(i, sample).toRow()).toList();
    }

    /** Writes rows as an ntuple dataset at {@code dir}, partitioned by sample like the real writers do. */
    public static void write(SparkSession spark, List<Row> rows, Path dir, int files) {
        Dataset<Row> df = spark.createDataFrame(rows, NtupleSchema.SCHEMA).repartition(files);
        df.write().mode(SaveMode.Overwrite).partitionBy(NtupleSchema.SAMPLE).parquet(dir.toString());
    }
}
