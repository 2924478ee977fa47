package org.mlpf.generate.sim;

import java.util.Arrays;

import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.physics.ParticleClass;
import org.mlpf.schema.NtupleEvent;

/**
 * The rule-based baseline particle flow (a simplified CMS PFAlgo, docs/simulation.md). It reads only
 * reconstructed quantities (tracks, clusters with their cells, BREM points, superclusters), never the truth:
 * <ol>
 *   <li>Links: a track to the ECAL (HCAL) cluster whose cells contain its extrapolated position at the ECAL
 *       (HCAL) surface, with a one-cell tolerance; an ECAL cluster to the HCAL cluster whose cells contain its
 *       position; a GSF track to the supercluster of its ECAL cluster; a BREM point to the ECAL cluster at its
 *       tangent's ECAL impact; an HF EM cluster to the HF HAD cluster at its position.</li>
 *   <li>Muons: a KF track with at least {@code pfMuonMinHits} muon-chamber hits; the expected MIP deposits are
 *       taken off its linked clusters.</li>
 *   <li>Electrons: a GSF track whose supercluster (plus clusters its BREM points hit) has E/p in the configured
 *       window and little HCAL energy behind it; energy = resolution-weighted mean of the ECAL energy and the
 *       track momentum. Its KF twin, supercluster and brem clusters are consumed.</li>
 *   <li>Charged hadrons: every remaining track (a rejected GSF track only if it has no KF twin), with the pion
 *       mass.</li>
 *   <li>Neutral excess, per HCAL cluster: the tracks linked to it (or, for tracks without an HCAL link, to
 *       their ECAL cluster) form a group that holds the HCAL energy and the tracks' momentum-weighted shares of
 *       their ECAL clusters. Where the group's calorimeter energy exceeds its track momenta by more than
 *       {@code pfNeutralExcessSigma} HCAL resolutions, the excess becomes a photon (on the group's main ECAL
 *       cluster) up to the group's ECAL energy, and the rest a neutral hadron (on the HCAL cluster). Groups stay
 *       local, as CMS's track-HCAL association does, so an excess never travels across a jet.</li>
 *   <li>Clusters no track links to: each ECAL cluster a photon, each HCAL cluster a neutral hadron (in jets photons
 *       carry far more ECAL energy than neutral hadrons do); beyond the tracker (|eta| > 2.5) an ECAL cluster
 *       linked to an HCAL cluster joins that neutral hadron instead. HF HAD clusters with their linked HF EM energy
 *       become HFHAD candidates, the other HF EM clusters HFEM candidates.</li>
 * </ol>
 * Candidates are massless except charged hadrons (pion mass) and muons. Not thread-safe.
 */
final class BaselinePf {
    /** MIP energy expected from a muon in the ECAL and in the HCAL, GeV. */
    static final double ECAL_MIP_EXPECTED = 1.0;
    static final double HCAL_MIP_EXPECTED = 5.0;
    /** Largest HCAL / ECAL energy ratio behind an electron's cluster. */
    static final double ELECTRON_MAX_H_OVER_E = 0.15;
    static final double PION_MASS = 0.13957039;
    static final double MUON_MASS = 0.1056584;

    final TargetTable table = new TargetTable();

    int numCands;
    private int[] cCls = new int[256];
    private int[] cCharge = new int[256];
    private int[] cElem = new int[256];
    private double[] cPt = new double[256];
    private double[] cEta = new double[256];
    private double[] cPhi = new double[256];
    private double[] cE = new double[256];
    private double[] cVz = new double[256];

    private int[] trkEcal = new int[256];
    private int[] trkHcal = new int[256];
    private boolean[] trkUsed = new boolean[256];
    private double[] ecalAvail = new double[256];
    private boolean[] ecalUsed = new boolean[256];
    private int[] ecalHcal = new int[256];
    private double[] hcalAvail = new double[256];
    private double[] grpP = new double[1024];
    private double[] grpEcal = new double[1024];
    private int[] grpBestEcal = new int[1024];
    private double[] grpBestShare = new double[1024];
    private int[] grpTracks = new int[1024];
    private double[] ecalTrackP = new double[256];
    private boolean[] ecalLinked = new boolean[256];
    private boolean[] hcalLinked = new boolean[256];
    private double[] hfAvail = new double[256];
    private int[] bremCluster = new int[64];
    private int[] scratch = new int[64];

    /** Runs the PF on {@code sim}'s reconstructed event. */
    void run(FastSim sim, ReconstructionConfig cfg) {
        numCands = 0;
        Tracks tr = sim.tracks;
        CaloLayer ecal = sim.calo.layers[Calorimetry.ECAL];
        CaloLayer hcal = sim.calo.layers[Calorimetry.HCAL];
        prepare(tr, ecal, hcal);
        muons(tr, cfg.pfMuonMinHits());
        electrons(sim, tr, ecal, cfg);
        hadronsAndNeutrals(tr, ecal, hcal, cfg.pfNeutralExcessSigma());
        forward(sim.calo.layers[Calorimetry.HFEM], sim.calo.layers[Calorimetry.HFHAD]);
    }

    private void prepare(Tracks tr, CaloLayer ecal, CaloLayer hcal) {
        int nt = tr.size;
        if (trkEcal.length < nt) {
            int n = Math.max(nt, trkEcal.length * 2);
            trkEcal = new int[n];
            trkHcal = new int[n];
            trkUsed = new boolean[n];
        }
        for (int t = 0; t < nt; t++) {
            trkUsed[t] = false;
            trkEcal[t] = tr.reachesEcal[t] ? ecal.clusterAt(tr.etaEcal[t], tr.phiEcal[t], true) : -1;
            trkHcal[t] = tr.reachesEcal[t] ? hcal.clusterAt(tr.etaHcal[t], tr.phiHcal[t], true) : -1;
        }
        int ne = ecal.numClusters;
        if (ecalAvail.length < ne) {
            int n = Math.max(ne, ecalAvail.length * 2);
            ecalAvail = new double[n];
            ecalUsed = new boolean[n];
            ecalHcal = new int[n];
        }
        for (int k = 0; k < ne; k++) {
            ecalAvail[k] = ecal.clCorr[k];
            ecalUsed[k] = false;
            ecalHcal[k] = hcal.clusterAt(ecal.clEta[k], ecal.clPhi[k], false);
        }
        int nh = hcal.numClusters;
        if (hcalAvail.length < nh) {
            hcalAvail = new double[Math.max(nh, hcalAvail.length * 2)];
        }
        for (int k = 0; k < nh; k++) {
            hcalAvail[k] = hcal.clCorr[k];
        }
    }

    private void muons(Tracks tr, int minHits) {
        for (int t = 0; t < tr.size; t++) {
            if (tr.gsf[t] || tr.dtHits[t] + tr.cscHits[t] < minHits) {
                continue;
            }
            trkUsed[t] = true;
            if (tr.twin[t] >= 0) {
                trkUsed[tr.twin[t]] = true;
            }
            double p = tr.p[t];
            addCandidate(ParticleClass.MUON.index(), tr.charge[t], tr.pt[t], tr.eta[t], tr.phi[t],
                    Math.sqrt(p * p + MUON_MASS * MUON_MASS), tr.elem[t], tr.vz[t]);
            if (trkEcal[t] >= 0) {
                ecalAvail[trkEcal[t]] = Math.max(0, ecalAvail[trkEcal[t]] - ECAL_MIP_EXPECTED);
            }
            if (trkHcal[t] >= 0) {
                hcalAvail[trkHcal[t]] = Math.max(0, hcalAvail[trkHcal[t]] - HCAL_MIP_EXPECTED);
            }
        }
    }

    private void electrons(FastSim sim, Tracks tr, CaloLayer ecal, ReconstructionConfig cfg) {
        SuperClusters sc = sim.superClusters;
        Brems br = sim.brems;
        if (bremCluster.length < br.size) {
            bremCluster = new int[Math.max(br.size, bremCluster.length * 2)];
        }
        for (int b = 0; b < br.size; b++) {
            bremCluster[b] = br.reachesEcal[b] ? ecal.clusterAt(br.etaEcal[b], br.phiEcal[b], true) : -1;
        }
        for (int g = 0; g < tr.size; g++) {
            if (!tr.gsf[g] || trkUsed[g]) {
                continue;
            }
            int k = trkEcal[g];
            if (k < 0 || ecalUsed[k]) {
                continue;
            }
            int n = electronClusters(sc, br, ecal, g, k);
            double energy = 0;
            for (int j = 0; j < n; j++) {
                energy += ecalAvail[scratch[j]];
            }
            double p = tr.p[g];
            double eop = energy / p;
            int h = ecalHcal[k];
            double hadronic = h >= 0 ? hcalAvail[h] : 0;
            if (eop < cfg.pfElectronMinEoverP() || eop > cfg.pfElectronMaxEoverP()
                    || hadronic > ELECTRON_MAX_H_OVER_E * energy) {
                continue;
            }
            double sigmaE = CmsDetector.ecalSigma(energy, ecal.clEta[k]);
            double sigmaP = CmsDetector.trackPtResolution(tr.pt[g], Math.abs(tr.eta[g]), false) * p;
            double we = 1 / (sigmaE * sigmaE);
            double wp = 1 / (sigmaP * sigmaP);
            double e = (we * energy + wp * p) / (we + wp);
            for (int j = 0; j < n; j++) {
                ecalUsed[scratch[j]] = true;
                ecalAvail[scratch[j]] = 0;
            }
            trkUsed[g] = true;
            if (tr.twin[g] >= 0) {
                trkUsed[tr.twin[g]] = true;
            }
            addCandidate(ParticleClass.ELECTRON.index(), tr.charge[g], e / Math.cosh(tr.eta[g]), tr.eta[g], tr.phi[g],
                    e, tr.elem[g], tr.vz[g]);
        }
    }

    /**
     * Collects into {@link #scratch} the free ECAL clusters of GSF track {@code g}: its own cluster {@code k}, the
     * other clusters of k's supercluster and the clusters its BREM points hit; returns their number.
     */
    private int electronClusters(SuperClusters sc, Brems br, CaloLayer ecal, int g, int k) {
        int n = 0;
        scratch = grow(scratch, 1);
        scratch[n++] = k;
        int s = sc.ofCluster[k];
        if (s >= 0) {
            for (int j = 0; j < ecal.numClusters; j++) {
                if (j != k && !ecalUsed[j] && sc.ofCluster[j] == s) {
                    scratch = grow(scratch, n + 1);
                    scratch[n++] = j;
                }
            }
        }
        for (int b = 0; b < br.size; b++) {
            int j = bremCluster[b];
            if (br.track[b] != g || j < 0 || ecalUsed[j]) {
                continue;
            }
            boolean dup = false;
            for (int q = 0; q < n; q++) {
                dup |= scratch[q] == j;
            }
            if (!dup) {
                scratch = grow(scratch, n + 1);
                scratch[n++] = j;
            }
        }
        return n;
    }

    private static int[] grow(int[] a, int need) {
        return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, a.length * 2));
    }

    private void hadronsAndNeutrals(Tracks tr, CaloLayer ecal, CaloLayer hcal, double nSigma) {
        int nt = tr.size;
        int ne = ecal.numClusters;
        int nh = hcal.numClusters;
        int groups = nh + ne;
        if (grpP.length < groups) {
            int n = Math.max(groups, grpP.length * 2);
            grpP = new double[n];
            grpEcal = new double[n];
            grpBestEcal = new int[n];
            grpBestShare = new double[n];
            grpTracks = new int[n];
        }
        if (ecalTrackP.length < ne) {
            ecalTrackP = new double[Math.max(ne, ecalTrackP.length * 2)];
            ecalLinked = new boolean[ecalTrackP.length];
        }
        if (hcalLinked.length < nh) {
            hcalLinked = new boolean[Math.max(nh, hcalLinked.length * 2)];
        }
        Arrays.fill(grpP, 0, groups, 0);
        Arrays.fill(grpEcal, 0, groups, 0);
        Arrays.fill(grpBestEcal, 0, groups, -1);
        Arrays.fill(grpBestShare, 0, groups, 0);
        Arrays.fill(grpTracks, 0, groups, 0);
        Arrays.fill(ecalTrackP, 0, ne, 0);
        Arrays.fill(ecalLinked, 0, ne, false);
        Arrays.fill(hcalLinked, 0, nh, false);
        for (int t = 0; t < nt; t++) {
            if (!activeTrack(tr, t)) {
                continue;
            }
            double p = tr.p[t];
            addCandidate(ParticleClass.CHARGED_HADRON.index(), tr.charge[t], tr.pt[t], tr.eta[t], tr.phi[t],
                    Math.sqrt(p * p + PION_MASS * PION_MASS), tr.elem[t], tr.vz[t]);
            int e = trkEcal[t];
            if (e >= 0 && !ecalUsed[e]) {
                ecalTrackP[e] += p;
                ecalLinked[e] = true;
            }
            if (trkHcal[t] >= 0) {
                hcalLinked[trkHcal[t]] = true;
            }
        }
        // Each track joins the group of its HCAL cluster (or, without one, of its ECAL cluster) and brings its
        // momentum-weighted share of its ECAL cluster's energy.
        for (int t = 0; t < nt; t++) {
            if (!activeTrack(tr, t)) {
                continue;
            }
            int e = trkEcal[t] >= 0 && !ecalUsed[trkEcal[t]] ? trkEcal[t] : -1;
            int g = trkHcal[t] >= 0 ? trkHcal[t] : e >= 0 ? nh + e : -1;
            if (g < 0) {
                continue;
            }
            grpP[g] += tr.p[t];
            grpTracks[g]++;
            if (e >= 0) {
                double share = ecalAvail[e] * tr.p[t] / ecalTrackP[e];
                grpEcal[g] += share;
                if (share > grpBestShare[g]) {
                    grpBestShare[g] = share;
                    grpBestEcal[g] = e;
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            if (grpTracks[g] == 0) {
                continue;
            }
            double hcalE = g < nh ? hcalAvail[g] : 0;
            double p = grpP[g];
            double excess = grpEcal[g] + hcalE - p;
            if (excess <= 0 || excess <= nSigma * CmsDetector.hcalSigma(p)) {
                continue;
            }
            if (excess <= grpEcal[g]) {
                neutral(ParticleClass.PHOTON, ecal, grpBestEcal[g], excess);
            } else {
                if (grpEcal[g] > 0) {
                    neutral(ParticleClass.PHOTON, ecal, grpBestEcal[g], grpEcal[g]);
                }
                neutral(ParticleClass.NEUTRAL_HADRON, hcal, g, excess - grpEcal[g]);
            }
        }
        // Clusters no track links to. Beyond the tracker, an ECAL cluster linked to an HCAL cluster is taken as the
        // early part of that hadron's shower (charged and neutral hadrons cannot be told apart there).
        for (int k = 0; k < ne; k++) {
            if (ecalUsed[k] || ecalLinked[k] || ecalAvail[k] <= 0) {
                continue;
            }
            int h = ecalHcal[k];
            if (Math.abs(ecal.clEta[k]) > CmsDetector.TRACKER_MAX_ETA && h >= 0 && !hcalLinked[h]) {
                hcalAvail[h] += ecalAvail[k];
            } else {
                neutral(ParticleClass.PHOTON, ecal, k, ecalAvail[k]);
            }
        }
        for (int k = 0; k < nh; k++) {
            if (!hcalLinked[k] && hcalAvail[k] > 0) {
                neutral(ParticleClass.NEUTRAL_HADRON, hcal, k, hcalAvail[k]);
            }
        }
    }

    /** A track still free for the charged-hadron step: unused, and not a GSF refit duplicating a KF track. */
    private boolean activeTrack(Tracks tr, int t) {
        return !trkUsed[t] && !(tr.gsf[t] && tr.twin[t] >= 0);
    }

    private void forward(CaloLayer hfem, CaloLayer hfhad) {
        int nh = hfhad.numClusters;
        if (hfAvail.length < nh) {
            hfAvail = new double[Math.max(nh, hfAvail.length * 2)];
        }
        for (int k = 0; k < nh; k++) {
            hfAvail[k] = hfhad.clCorr[k];
        }
        for (int k = 0; k < hfem.numClusters; k++) {
            int h = hfhad.clusterAt(hfem.clEta[k], hfem.clPhi[k], false);
            if (h >= 0) {
                hfAvail[h] += hfem.clCorr[k];
            } else {
                neutral(ParticleClass.HFEM, hfem, k, hfem.clCorr[k]);
            }
        }
        for (int k = 0; k < nh; k++) {
            neutral(ParticleClass.HFHAD, hfhad, k, hfAvail[k]);
        }
    }

    private void neutral(ParticleClass c, CaloLayer l, int k, double e) {
        double eta = l.clEta[k];
        addCandidate(c.index(), 0, e / Math.cosh(eta), eta, l.clPhi[k], e, l.clElem[k], 0);
    }

    private void addCandidate(int cls, int charge, double pt, double eta, double phi, double e, int elem, double vz) {
        if (numCands == cCls.length) {
            int n = numCands * 2;
            cCls = Arrays.copyOf(cCls, n);
            cCharge = Arrays.copyOf(cCharge, n);
            cElem = Arrays.copyOf(cElem, n);
            cPt = Arrays.copyOf(cPt, n);
            cEta = Arrays.copyOf(cEta, n);
            cPhi = Arrays.copyOf(cPhi, n);
            cE = Arrays.copyOf(cE, n);
            cVz = Arrays.copyOf(cVz, n);
        }
        int c = numCands++;
        cCls[c] = cls;
        cCharge[c] = charge;
        cElem[c] = elem;
        cPt[c] = pt;
        cEta[c] = eta;
        cPhi[c] = phi;
        cE[c] = e;
        cVz[c] = vz;
    }

    /** Writes the candidates and, through the one-to-one rule, {@code ycand}. */
    void write(NtupleEvent out) {
        table.reset(out.numElements());
        for (int c = 0; c < numCands; c++) {
            double pt = cPt[c];
            out.addCandidate(cCls[c], cCharge[c], (float) pt, (float) cEta[c], (float) cPhi[c], (float) cE[c], cElem[c],
                    (float) cVz[c]);
            table.add(cElem[c], cCls[c], cCharge[c], pt * Math.cos(cPhi[c]), pt * Math.sin(cPhi[c]),
                    pt * Math.sinh(cEta[c]), cE[c]);
        }
        table.write(out, false);
    }
}
