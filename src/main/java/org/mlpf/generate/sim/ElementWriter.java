package org.mlpf.generate.sim;

import static org.mlpf.schema.ElementFeature.CHARGE;
import static org.mlpf.schema.ElementFeature.CLUSTER_FLAGS;
import static org.mlpf.schema.ElementFeature.CORR_ENERGY;
import static org.mlpf.schema.ElementFeature.DELTAP;
import static org.mlpf.schema.ElementFeature.DEPTH;
import static org.mlpf.schema.ElementFeature.E;
import static org.mlpf.schema.ElementFeature.ETA;
import static org.mlpf.schema.ElementFeature.ETA_ECAL;
import static org.mlpf.schema.ElementFeature.ETA_HCAL;
import static org.mlpf.schema.ElementFeature.GSF_ELECTRONSEED_TRKORECAL;
import static org.mlpf.schema.ElementFeature.LAYER;
import static org.mlpf.schema.ElementFeature.MUON_CSC_HITS;
import static org.mlpf.schema.ElementFeature.MUON_DT_HITS;
import static org.mlpf.schema.ElementFeature.MUON_TYPE;
import static org.mlpf.schema.ElementFeature.NUM_HITS;
import static org.mlpf.schema.ElementFeature.PHI;
import static org.mlpf.schema.ElementFeature.PHI_ECAL;
import static org.mlpf.schema.ElementFeature.PHI_HCAL;
import static org.mlpf.schema.ElementFeature.PT;
import static org.mlpf.schema.ElementFeature.PX;
import static org.mlpf.schema.ElementFeature.PY;
import static org.mlpf.schema.ElementFeature.PZ;
import static org.mlpf.schema.ElementFeature.SIGMADELTAP;
import static org.mlpf.schema.ElementFeature.TRAJPOINT;
import static org.mlpf.schema.ElementFeature.VZ;

import java.util.Arrays;

import org.mlpf.physics.ElementType;
import org.mlpf.schema.NtupleEvent;

/**
 * Writes the simulated event's PF elements into an {@link NtupleEvent} with the 25 CMS features (and {@code vz})
 * per type, as documented in {@code docs/simulation.md}, and records each object's element index. Order: KF
 * tracks, GSF tracks (each by falling pT), BREM points (by GSF track, then trajectory point), ECAL clusters,
 * superclusters, HCAL, HF EM and HF HAD clusters (each by falling seed energy). The order depends only on
 * reconstructed quantities, never on the generator's particle order.
 */
final class ElementWriter {
    /** ECAL layer codes (CMS PFLayer): barrel -1, endcap -2; HCAL barrel 1, endcap 3; HF EM 11, HF HAD 12. */
    static final int LAYER_ECAL_BARREL = -1;
    static final int LAYER_ECAL_ENDCAP = -2;
    static final int LAYER_HCAL_BARREL = 1;
    static final int LAYER_HCAL_ENDCAP = 3;
    static final int LAYER_HF_EM = 11;
    static final int LAYER_HF_HAD = 12;
    /** cluster_flags bit 0: more than one local maximum (merged showers). */
    static final int FLAG_MERGED = 1;

    private long[] keys = new long[256];

    /** Writes every element of {@code sim}'s event into {@code out}. */
    void write(FastSim sim, NtupleEvent out) {
        Tracks tr = sim.tracks;
        int n = sortTracks(tr, false);
        for (int j = 0; j < n; j++) {
            writeTrack(tr, (int) (keys[j] & 0xffffffffL), out);
        }
        n = sortTracks(tr, true);
        for (int j = 0; j < n; j++) {
            writeTrack(tr, (int) (keys[j] & 0xffffffffL), out);
        }
        writeBrems(sim, out);
        CaloLayer[] layers = sim.calo.layers;
        writeClusters(layers[Calorimetry.ECAL], ElementType.ECAL, out);
        writeSuperClusters(sim.superClusters, out);
        writeClusters(layers[Calorimetry.HCAL], ElementType.HCAL, out);
        writeClusters(layers[Calorimetry.HFEM], ElementType.HFEM, out);
        writeClusters(layers[Calorimetry.HFHAD], ElementType.HFHAD, out);
    }

    private int sortTracks(Tracks tr, boolean gsf) {
        if (keys.length < tr.size) {
            keys = new long[Math.max(tr.size, keys.length * 2)];
        }
        int n = 0;
        for (int t = 0; t < tr.size; t++) {
            if (tr.gsf[t] == gsf) {
                keys[n++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits((float) tr.pt[t])) << 32) | t;
            }
        }
        Arrays.sort(keys, 0, n);
        return n;
    }

    private static void writeTrack(Tracks tr, int t, NtupleEvent out) {
        boolean gsf = tr.gsf[t];
        int i = out.addElement(gsf ? ElementType.GSF.code() : ElementType.TRACK.code());
        tr.elem[t] = i;
        double pt = tr.pt[t];
        double eta = tr.eta[t];
        double phi = tr.phi[t];
        out.setFeature(i, PT, (float) pt);
        out.setFeature(i, ETA, (float) eta);
        out.setFeature(i, PHI, (float) phi);
        out.setFeature(i, E, (float) tr.p[t]);
        out.setFeature(i, CHARGE, tr.charge[t]);
        if (tr.reachesEcal[t]) {
            out.setFeature(i, ETA_ECAL, (float) tr.etaEcal[t]);
            out.setFeature(i, PHI_ECAL, (float) tr.phiEcal[t]);
            out.setFeature(i, ETA_HCAL, (float) tr.etaHcal[t]);
            out.setFeature(i, PHI_HCAL, (float) tr.phiHcal[t]);
        }
        if (!gsf) {
            out.setFeature(i, MUON_DT_HITS, tr.dtHits[t]);
            out.setFeature(i, MUON_CSC_HITS, tr.cscHits[t]);
            out.setFeature(i, MUON_TYPE, tr.dtHits[t] + tr.cscHits[t] > 0 ? 1 : 0);
        }
        out.setFeature(i, PX, (float) (pt * Math.cos(phi)));
        out.setFeature(i, PY, (float) (pt * Math.sin(phi)));
        out.setFeature(i, PZ, (float) (pt * Math.sinh(eta)));
        out.setFeature(i, GSF_ELECTRONSEED_TRKORECAL, tr.seed[t]);
        out.setFeature(i, NUM_HITS, tr.hits[t]);
        out.setFeature(i, VZ, (float) tr.vz[t]);
    }

    private static void writeBrems(FastSim sim, NtupleEvent out) {
        Brems b = sim.brems;
        Tracks tr = sim.tracks;
        // Brem points follow their GSF track's element order.
        for (int pass = 0; pass < b.size; pass++) {
            int best = -1;
            for (int r = 0; r < b.size; r++) {
                if (b.elem[r] >= 0) {
                    continue;
                }
                if (best < 0 || tr.elem[b.track[r]] < tr.elem[b.track[best]]
                        || (b.track[r] == b.track[best] && b.trajPoint[r] < b.trajPoint[best])) {
                    best = r;
                }
            }
            writeBrem(b, best, out);
        }
    }

    private static void writeBrem(Brems b, int r, NtupleEvent out) {
        int i = out.addElement(ElementType.BREM.code());
        b.elem[r] = i;
        double e = Math.max(0, b.deltaP[r]);
        double eta = b.eta[r];
        double phi = b.phi[r];
        double pt = e / Math.cosh(eta);
        out.setFeature(i, PT, (float) pt);
        out.setFeature(i, ETA, (float) eta);
        out.setFeature(i, PHI, (float) phi);
        out.setFeature(i, E, (float) e);
        out.setFeature(i, TRAJPOINT, b.trajPoint[r]);
        if (b.reachesEcal[r]) {
            out.setFeature(i, ETA_ECAL, (float) b.etaEcal[r]);
            out.setFeature(i, PHI_ECAL, (float) b.phiEcal[r]);
        }
        out.setFeature(i, PX, (float) (pt * Math.cos(phi)));
        out.setFeature(i, PY, (float) (pt * Math.sin(phi)));
        out.setFeature(i, PZ, (float) (pt * Math.sinh(eta)));
        out.setFeature(i, DELTAP, (float) b.deltaP[r]);
        out.setFeature(i, SIGMADELTAP, (float) b.sigmaDeltaP[r]);
    }

    private static void writeClusters(CaloLayer l, ElementType type, NtupleEvent out) {
        for (int k = 0; k < l.numClusters; k++) {
            int i = out.addElement(type.code());
            l.clElem[k] = i;
            double eta = l.clEta[k];
            int layer;
            int depth;
            switch (type) {
                case ECAL -> {
                    layer = Math.abs(eta) < CmsDetector.ECAL_BARREL_ETA ? LAYER_ECAL_BARREL : LAYER_ECAL_ENDCAP;
                    depth = 0;
                }
                case HCAL -> {
                    layer = Math.abs(eta) < CmsDetector.HCAL_BARREL_ETA ? LAYER_HCAL_BARREL : LAYER_HCAL_ENDCAP;
                    depth = 1;
                }
                case HFEM -> {
                    layer = LAYER_HF_EM;
                    depth = 1;
                }
                default -> {
                    layer = LAYER_HF_HAD;
                    depth = 2;
                }
            }
            writeCalo(out, i, l.clMeasured[k], l.clCorr[k], eta, l.clPhi[k], layer, depth, l.clCells[k],
                    l.clMaxima[k]);
        }
    }

    private static void writeSuperClusters(SuperClusters sc, NtupleEvent out) {
        for (int s = 0; s < sc.size; s++) {
            int i = out.addElement(ElementType.SC.code());
            sc.elem[s] = i;
            double eta = sc.eta[s];
            int layer = Math.abs(eta) < CmsDetector.ECAL_BARREL_ETA ? LAYER_ECAL_BARREL : LAYER_ECAL_ENDCAP;
            writeCalo(out, i, sc.energy[s], sc.corrEnergy[s], eta, sc.phi[s], layer, 0, sc.cells[s], sc.maxima[s]);
        }
    }

    private static void writeCalo(NtupleEvent out, int i, double e, double corr, double eta, double phi, int layer,
                                  int depth, int cells, int maxima) {
        double pt = e / Math.cosh(eta);
        out.setFeature(i, PT, (float) pt);
        out.setFeature(i, ETA, (float) eta);
        out.setFeature(i, PHI, (float) phi);
        out.setFeature(i, E, (float) e);
        out.setFeature(i, LAYER, layer);
        out.setFeature(i, DEPTH, depth);
        out.setFeature(i, ETA_ECAL, (float) eta);
        out.setFeature(i, PHI_ECAL, (float) phi);
        out.setFeature(i, ETA_HCAL, (float) eta);
        out.setFeature(i, PHI_HCAL, (float) phi);
        out.setFeature(i, PX, (float) (pt * Math.cos(phi)));
        out.setFeature(i, PY, (float) (pt * Math.sin(phi)));
        out.setFeature(i, PZ, (float) (pt * Math.sinh(eta)));
        out.setFeature(i, NUM_HITS, cells);
        out.setFeature(i, CLUSTER_FLAGS, maxima > 1 ? FLAG_MERGED : 0);
        out.setFeature(i, CORR_ENERGY, (float) corr);
    }
}
