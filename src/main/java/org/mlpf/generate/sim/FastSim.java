package org.mlpf.generate.sim;

import java.util.Arrays;

import org.mlpf.generate.ReconstructionConfig;
import org.mlpf.physics.GenEvent;
import org.mlpf.physics.Kinematics;
import org.mlpf.physics.ParticleData;

/**
 * The fast detector simulation of one event: tracker (efficiency, hits, resolution, helix extrapolation, z0),
 * electron bremsstrahlung with GSF tracks and BREM points, muon chambers, ECAL / HCAL / HF showers with
 * resolution and lateral spread, topological clustering, per-cluster noise and calibration, superclusters, and
 * the primary-vertex z from tracks. Reusable per event; allocation-free once buffers have grown. Not thread-safe.
 *
 * <p>Randomness comes from four independent streams (tracker, calorimeter, electrons, muons) reseeded per event,
 * so a change in one subsystem does not reshuffle the others.
 */
public final class FastSim {
    /** Brem photons below this energy (GeV) make no BREM element (they still shower in the ECAL). */
    static final double BREM_MIN_ENERGY = 0.5;
    /** Relative uncertainty of a BREM deltaP, and its part proportional to the momentum before the point. */
    static final double BREM_DP_REL = 0.10;
    static final double BREM_DP_P = 0.02;
    /** A hadron track is refitted as a GSF track (tracker-driven seeding) above this pT (GeV) when its ECAL
     *  cluster carries at least {@link #GSF_SEED_MIN_EOP} of its momentum. */
    static final double GSF_SEED_MIN_PT = 2.0;
    static final double GSF_SEED_MIN_EOP = 0.4;
    /** A GSF track counts as ECAL-driven when its supercluster has at least this transverse energy, GeV. */
    static final double ECAL_DRIVEN_MIN_ET = 4.0;
    /** Tracks within this distance in z (cm) belong to one vertex candidate. */
    static final double VERTEX_GAP_CM = 0.1;
    /** Track pT is capped at this value (GeV) in the sum of pT^2 that picks the primary vertex. */
    static final double VERTEX_MAX_PT = 20;

    private static final double ELECTRON_MASS = 0.000511;

    final ReconstructionConfig cfg;
    final Calorimetry calo = new Calorimetry();
    final Tracks tracks = new Tracks();
    final Brems brems = new Brems();
    final SuperClusters superClusters = new SuperClusters();

    final SimRandom rngTracker = new SimRandom();
    final SimRandom rngCalo = new SimRandom();
    final SimRandom rngElectron = new SimRandom();
    final SimRandom rngMuon = new SimRandom();

    private final Propagator prop = new Propagator();
    private final Propagator prop2 = new Propagator();

    /** Per generator particle: its preferred track (GSF for electrons), or -1. */
    int[] particleTrack = new int[256];
    /** Per generator particle: final state and visible (not a neutrino or other invisible species). */
    boolean[] particleVisible = new boolean[256];
    /** Per generator particle: its calorimeter truth deposits are entries [start, end) of {@link Calorimetry}. */
    int[] particleDepStart = new int[256];
    int[] particleDepEnd = new int[256];

    // Impact of the current particle on the calorimeters.
    private static final int REGION_NONE = 0;
    private static final int REGION_BARREL_ENDCAP = 1;
    private static final int REGION_FORWARD = 2;
    private double eEta;
    private double ePhi;
    private double eRho;
    private double hEta;
    private double hPhi;
    private double hRho;
    private double ex;
    private double ey;
    private double ez;
    private double epx;
    private double epy;
    private double epz;

    // Brem points of the current electron.
    private int numBremPts;
    private double[] bremGamma = new double[CmsDetector.GSF_TRAJ_POINTS];
    private double[] bremPBefore = new double[CmsDetector.GSF_TRAJ_POINTS];
    private double[] bremEta = new double[CmsDetector.GSF_TRAJ_POINTS];
    private double[] bremPhi = new double[CmsDetector.GSF_TRAJ_POINTS];
    private boolean[] bremReaches = new boolean[CmsDetector.GSF_TRAJ_POINTS];
    private double[] bremEtaEcal = new double[CmsDetector.GSF_TRAJ_POINTS];
    private double[] bremPhiEcal = new double[CmsDetector.GSF_TRAJ_POINTS];

    private long[] sortKeys = new long[256];

    /** A simulation with the given thresholds. */
    public FastSim(ReconstructionConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * Simulates one event.
     *
     * @param zShift per vertex id, added to every particle's production z (cm): the beam-spot placement of
     *               events read without vertices; all zeros otherwise
     */
    public void simulate(GenEvent gen, long seedTracker, long seedCalo, long seedElectron, long seedMuon,
                         double[] zShift) {
        rngTracker.reseed(seedTracker);
        rngCalo.reseed(seedCalo);
        rngElectron.reseed(seedElectron);
        rngMuon.reseed(seedMuon);
        calo.clear();
        tracks.clear();
        brems.clear();
        superClusters.clear();
        int n = gen.size();
        if (particleTrack.length < n) {
            particleTrack = new int[Math.max(n, 2 * particleTrack.length)];
            particleVisible = new boolean[particleTrack.length];
            particleDepStart = new int[particleTrack.length];
            particleDepEnd = new int[particleTrack.length];
        }
        Arrays.fill(particleTrack, 0, n, -1);
        for (int i = 0; i < n; i++) {
            particleDepStart[i] = calo.numDeps;
            boolean visible = gen.isFinal(i) && !invisible(gen.pdgId(i));
            particleVisible[i] = visible;
            if (visible) {
                double oz = gen.vz(i) + zShift[gen.vertexId(i)];
                simulateParticle(gen, i, gen.vx(i), gen.vy(i), oz);
            }
            particleDepEnd[i] = calo.numDeps;
        }
        clusterAll();
        superClusters.build(calo.layers[Calorimetry.ECAL]);
        gsfSeeding();
    }

    private void simulateParticle(GenEvent gen, int i, double ox, double oy, double oz) {
        int apdg = Math.abs(gen.pdgId(i));
        int q = gen.charge(i);
        double px = gen.px(i);
        double py = gen.py(i);
        double pz = gen.pz(i);
        double e = gen.e(i);
        if (apdg == 11) {
            electron(i, q, ox, oy, oz, px, py, pz, e);
        } else if (apdg == 13) {
            muon(i, q, ox, oy, oz, px, py, pz, e, gen.mass(i));
        } else if (apdg == 22 || apdg == 111) {
            int region = impact(ox, oy, oz, px, py, pz, 0);
            if (region != REGION_NONE) {
                emShower(i, region, e);
            }
        } else {
            if (q != 0) {
                int t = track(i, 0, q, ox, oy, oz, px, py, pz);
                particleTrack[i] = t;
                if (t >= 0) {
                    punchThrough(t, Math.sqrt(px * px + py * py + pz * pz), Fast.eta(px, py, pz));
                }
            }
            int region = impact(ox, oy, oz, px, py, pz, q);
            if (region != REGION_NONE) {
                hadronShower(truthIndex(i), region, hadronicEnergy(gen.pdgId(i), e, gen.mass(i)));
            }
        }
    }

    /**
     * {@link ParticleData#isInvisible}, answered without its map lookup (and the boxing of the id) for the species
     * that fill events.
     */
    public static boolean invisible(int pdg) {
        return switch (Math.abs(pdg)) {
            case 22, 211, 111, 321, 130, 310, 2212, 2112, 11, 13 -> false;
            default -> ParticleData.isInvisible(pdg);
        };
    }

    /**
     * The index under which particle {@code i}'s deposits are recorded as truth: -1 (none) once it has a track, since
     * the target assignment then uses the track.
     */
    private int truthIndex(int i) {
        return particleTrack[i] >= 0 ? -1 : i;
    }

    /** Energy a hadron can deposit: baryons bring only their kinetic energy, antibaryons annihilate. */
    static double hadronicEnergy(int pdg, double e, double mass) {
        int a = Math.abs(pdg);
        boolean baryon = a > 1000 && a < 10000;
        if (!baryon) {
            return e;
        }
        return pdg > 0 ? Math.max(e - mass, 0) : e + mass;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Calorimeter impact and showers

    /**
     * Propagates a particle to the calorimeters and fills the impact fields. Returns the region reached: the
     * ECAL/HCAL (|eta| < 3 at the ECAL surface), the HF (3 < |eta| < 5 at the HF face), or none (a looper absorbed
     * in the tracker, or beyond |eta| 5).
     */
    private int impact(double ox, double oy, double oz, double px, double py, double pz, int q) {
        prop.start(ox, oy, oz, px, py, pz, q);
        if (!prop.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z)) {
            return REGION_NONE;
        }
        double eta = prop.etaOfPoint();
        if (Math.abs(eta) < CmsDetector.CALO_MAX_ETA) {
            eEta = eta;
            ePhi = prop.phiOfPoint();
            eRho = Fast.hypot(prop.x, prop.y);
            ex = prop.x;
            ey = prop.y;
            ez = prop.z;
            epx = prop.px;
            epy = prop.py;
            epz = prop.pz;
            hcalImpact(ox, oy, oz, px, py, pz, q);
            return REGION_BARREL_ENDCAP;
        }
        prop.start(ox, oy, oz, px, py, pz, q);
        if (!prop.toSurface(Double.MAX_VALUE, 0, CmsDetector.HF_Z)) {
            return REGION_NONE;
        }
        double hf = prop.etaOfPoint();
        if (Math.abs(hf) >= CmsDetector.HF_MAX_ETA) {
            return REGION_NONE;
        }
        hEta = Math.abs(hf) < CmsDetector.CALO_MAX_ETA ? Math.copySign(CmsDetector.CALO_MAX_ETA, hf) : hf;
        hPhi = prop.phiOfPoint();
        hRho = Fast.hypot(prop.x, prop.y);
        return REGION_FORWARD;
    }

    /** HCAL entrance along the helix; if the helix stops short of it, straight on from the ECAL impact. */
    private void hcalImpact(double ox, double oy, double oz, double px, double py, double pz, int q) {
        Propagator p = prop2.start(ox, oy, oz, px, py, pz, q);
        if (!p.toSurface(CmsDetector.HCAL_R, CmsDetector.HCAL_BARREL_HALF_Z, CmsDetector.HCAL_ENDCAP_Z)) {
            p.start(ex, ey, ez, epx, epy, epz, 0);
            p.toSurface(CmsDetector.HCAL_R, CmsDetector.HCAL_BARREL_HALF_Z, CmsDetector.HCAL_ENDCAP_Z);
        }
        double eta = p.etaOfPoint();
        double lim = CmsDetector.CALO_MAX_ETA - 1e-6;
        hEta = Math.max(-lim, Math.min(lim, eta));
        hPhi = p.phiOfPoint();
        hRho = Fast.hypot(p.x, p.y);
    }

    /** An electromagnetic shower of true energy {@code e} at the current impact (ECAL or HF EM fibres). */
    private void emShower(int particle, int region, double e) {
        if (region == REGION_BARREL_ENDCAP) {
            double m = rngCalo.logNormal(e, CmsDetector.ecalSigmaNoNoise(e, eEta));
            calo.spread(Calorimetry.ECAL, eEta, ePhi, CmsDetector.EM_SHOWER_SIGMA, eRho, m, particle);
        } else {
            double m = rngCalo.logNormal(e, CmsDetector.hfEmSigmaNoNoise(e));
            calo.spread(Calorimetry.HFEM, hEta, hPhi, CmsDetector.HF_EM_SHOWER_SIGMA, hRho, m, particle);
        }
    }

    /**
     * A hadron shower of depositable energy {@code e}: smeared with the HCAL (or HF) resolution, then shared. In the
     * ECAL/HCAL, a third of the hadrons cross the ECAL (1.1 interaction lengths) as MIPs; the others start
     * showering there and leave a uniformly drawn 10-70 % of their energy in it. In the HF, the short fibres see
     * 50-85 % of a hadron shower.
     */
    private void hadronShower(int particle, int region, double e) {
        if (region == REGION_BARREL_ENDCAP) {
            double m = rngCalo.logNormal(e, CmsDetector.hcalSigma(e));
            double ecal;
            if (rngCalo.bernoulli(Math.exp(-CmsDetector.ECAL_LAMBDA_I))) {
                ecal = Math.min(m, mip(CmsDetector.ECAL_MIP));
                calo.point(Calorimetry.ECAL, eEta, ePhi, ecal, particle);
            } else {
                ecal = m * rngCalo.uniform(CmsDetector.HAD_ECAL_FRACTION_MIN, CmsDetector.HAD_ECAL_FRACTION_MAX);
                calo.spread(Calorimetry.ECAL, eEta, ePhi, CmsDetector.HAD_SHOWER_SIGMA_ECAL, eRho, ecal, particle);
            }
            calo.spread(Calorimetry.HCAL, hEta, hPhi, CmsDetector.HAD_SHOWER_SIGMA_HCAL, hRho, m - ecal, particle);
        } else {
            double m = rngCalo.logNormal(e, CmsDetector.hfHadSigma(e));
            double had = m * rngCalo.uniform(CmsDetector.HF_HAD_FRACTION_MIN, CmsDetector.HF_HAD_FRACTION_MAX);
            calo.spread(Calorimetry.HFHAD, hEta, hPhi, CmsDetector.HF_HAD_SHOWER_SIGMA, hRho, had, particle);
            calo.spread(Calorimetry.HFEM, hEta, hPhi, CmsDetector.HF_HAD_SHOWER_SIGMA, hRho, m - had, particle);
        }
    }

    private double mip(double mostProbable) {
        return rngCalo.logNormal(mostProbable, CmsDetector.MIP_SPREAD * mostProbable);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tracker

    /**
     * Reconstructs the track of a charged particle, or returns -1 (inefficiency, too few hits).
     *
     * @param kind 0 hadron, 2 muon (tracking efficiency and resolution)
     */
    private int track(int particle, int kind, int q, double ox, double oy, double oz, double px, double py, double pz) {
        double pt = Fast.hypot(px, py);
        double eta = Fast.eta(px, py, pz);
        if (!rngTracker.bernoulli(CmsDetector.trackingEfficiency(kind, pt, Math.abs(eta)))) {
            return -1;
        }
        prop.start(ox, oy, oz, px, py, pz, q);
        int hits = countHits(prop, Fast.hypot(ox, oy));
        if (hits < CmsDetector.TRACK_MIN_HITS) {
            return -1;
        }
        double zBeam = prop.zAtBeamLine();
        int t = tracks.add(false, particle);
        tracks.hits[t] = hits;
        double res = CmsDetector.trackPtResolution(pt, Math.abs(eta), kind == 2);
        measure(t, q, pt, eta, Math.atan2(py, px), res, zBeam);
        extrapolate(t, ox, oy, oz);
        return t;
    }

    /** Fills the measured parameters of track {@code t} from the true ones. */
    private void measure(int t, int q, double pt, double eta, double phi, double relRes, double zBeam) {
        double denom = Math.max(0.2, 1 + relRes * rngTracker.gaussian());
        double ptm = pt / denom;
        double etam = eta + Fast.hypot(CmsDetector.ETA_RES_CONST, CmsDetector.ETA_RES_MS / pt) * rngTracker.gaussian();
        double phim = Kinematics.deltaPhi(
                phi + Fast.hypot(CmsDetector.PHI_RES_CONST, CmsDetector.PHI_RES_MS / pt) * rngTracker.gaussian(), 0);
        double sz = Fast.hypot(CmsDetector.Z0_RES_CONST, CmsDetector.Z0_RES_MS / pt)
                * Math.pow(Math.cosh(eta), CmsDetector.Z0_RES_ETA_POWER);
        tracks.charge[t] = q;
        tracks.pt[t] = ptm;
        tracks.eta[t] = etam;
        tracks.phi[t] = phim;
        tracks.p[t] = ptm * Math.cosh(etam);
        tracks.vz[t] = zBeam + sz * rngTracker.gaussian();
    }

    /** Extrapolates track {@code t}'s measured helix from the particle's origin to the ECAL and HCAL. */
    private void extrapolate(int t, double ox, double oy, double oz) {
        double pt = tracks.pt[t];
        double px = pt * Math.cos(tracks.phi[t]);
        double py = pt * Math.sin(tracks.phi[t]);
        double pz = pt * Math.sinh(tracks.eta[t]);
        extrapolateFrom(t, ox, oy, oz, px, py, pz);
    }

    private void extrapolateFrom(int t, double ox, double oy, double oz, double px, double py, double pz) {
        int q = tracks.charge[t];
        prop.start(ox, oy, oz, px, py, pz, q);
        if (!prop.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z, CmsDetector.ECAL_ENDCAP_Z)
                || Math.abs(prop.etaOfPoint()) >= CmsDetector.CALO_MAX_ETA) {
            // CMS leaves the calorimeter coordinates of a track that never reaches the ECAL/HCAL (loopers, or a
            // looper curling into the endcap beyond the calorimeters' acceptance) at zero.
            tracks.reachesEcal[t] = false;
            return;
        }
        tracks.reachesEcal[t] = true;
        tracks.etaEcal[t] = prop.etaOfPoint();
        tracks.phiEcal[t] = prop.phiOfPoint();
        ex = prop.x;
        ey = prop.y;
        ez = prop.z;
        epx = prop.px;
        epy = prop.py;
        epz = prop.pz;
        hcalImpactUnclamped(ox, oy, oz, px, py, pz, q);
        double etaH = prop2.etaOfPoint();
        boolean inside = Math.abs(etaH) < CmsDetector.CALO_MAX_ETA;
        // A helix curling back towards the beam between ECAL and HCAL keeps its ECAL coordinates.
        tracks.etaHcal[t] = inside ? etaH : tracks.etaEcal[t];
        tracks.phiHcal[t] = inside ? prop2.phiOfPoint() : tracks.phiEcal[t];
    }

    private void hcalImpactUnclamped(double ox, double oy, double oz, double px, double py, double pz, int q) {
        Propagator p = prop2.start(ox, oy, oz, px, py, pz, q);
        if (!p.toSurface(CmsDetector.HCAL_R, CmsDetector.HCAL_BARREL_HALF_Z, CmsDetector.HCAL_ENDCAP_Z)) {
            p.start(ex, ey, ez, epx, epy, epz, 0);
            p.toSurface(CmsDetector.HCAL_R, CmsDetector.HCAL_BARREL_HALF_Z, CmsDetector.HCAL_ENDCAP_Z);
        }
    }

    /**
     * Counts tracker hits along the trajectory started in {@code pr}: barrel layers and endcap disks crossed before
     * the particle leaves the tracker volume (or turns back after half a loop), each with the hit efficiency.
     */
    private int countHits(Propagator pr, double rho0) {
        double sOut = pr.crossing(CmsDetector.TRACKER_OUTER_R);
        if (!Double.isFinite(sOut)) {
            sOut = Math.PI * pr.radius();
        }
        double sExit = Math.min(sOut, pr.pathToZ(CmsDetector.TRACKER_HALF_Z));
        int hits = 0;
        for (int l = 0; l < CmsDetector.BARREL_LAYER_R.length; l++) {
            double r = CmsDetector.BARREL_LAYER_R[l];
            if (r <= rho0) {
                continue;
            }
            double sv = rho0 == 0 ? pr.crossingFromBeamLine(r) : pr.crossing(r);
            if (sv > sExit || Math.abs(pr.zAt(sv)) > CmsDetector.BARREL_LAYER_HALF_Z[l]) {
                continue;
            }
            if (rngTracker.bernoulli(CmsDetector.HIT_EFFICIENCY)) {
                hits++;
            }
        }
        for (int d = 0; d < CmsDetector.DISK_Z.length; d++) {
            double sv = pr.pathToZ(CmsDetector.DISK_Z[d]);
            if (sv > sExit) {
                continue;
            }
            double rho = pr.rhoAt(sv);
            if (rho < CmsDetector.DISK_R_MIN[d] || rho > CmsDetector.DISK_R_MAX[d]) {
                continue;
            }
            if (rngTracker.bernoulli(CmsDetector.HIT_EFFICIENCY)) {
                hits++;
            }
        }
        return hits;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Muons

    private void muon(int i, int q, double ox, double oy, double oz, double px, double py, double pz, double e,
                      double mass) {
        int t = track(i, 2, q, ox, oy, oz, px, py, pz);
        particleTrack[i] = t;
        double p = Math.sqrt(px * px + py * py + pz * pz);
        double absEta = Math.abs(Fast.eta(px, py, pz));
        if (t >= 0) {
            tracks.dtHits[t] = absEta < CmsDetector.DT_MAX_ETA ? chamberHits(p, CmsDetector.DT_MIN_P, true) : 0;
            tracks.cscHits[t] = absEta > CmsDetector.CSC_MIN_ETA && absEta < CmsDetector.CSC_MAX_ETA
                    ? chamberHits(p, CmsDetector.CSC_MIN_P, false) : 0;
        }
        int region = impact(ox, oy, oz, px, py, pz, q);
        if (region != REGION_BARREL_ENDCAP) {
            return;
        }
        double kinetic = Math.max(0, e - mass);
        double ecal = Math.min(kinetic, mip(CmsDetector.ECAL_MIP));
        calo.point(Calorimetry.ECAL, eEta, ePhi, ecal, truthIndex(i));
        double hcal = Math.min(kinetic - ecal, mip(CmsDetector.HCAL_MIP));
        calo.point(Calorimetry.HCAL, hEta, hPhi, hcal, truthIndex(i));
    }

    /** Hits in the DT or CSC stations a muon of momentum {@code p} reaches (one more station per GeV). */
    private int chamberHits(double p, double pMin, boolean dt) {
        if (p < pMin) {
            return 0;
        }
        int stations = Math.min(CmsDetector.MUON_STATIONS, 1 + (int) ((p - pMin) / CmsDetector.MUON_P_PER_STATION));
        int hits = 0;
        for (int s = 1; s <= stations; s++) {
            int layers = !dt ? CmsDetector.CSC_LAYERS
                    : s == 4 ? CmsDetector.DT_LAYERS_STATION4 : CmsDetector.DT_LAYERS;
            hits += rngMuon.binomial(layers, CmsDetector.MUON_HIT_EFFICIENCY);
        }
        return hits;
    }

    /** Hadron showers leaking into the first muon station give a few hits to the hadron's track. */
    private void punchThrough(int t, double p, double eta) {
        double prob = Math.min(CmsDetector.PUNCH_MAX, CmsDetector.PUNCH_PER_GEV * (p - CmsDetector.PUNCH_MIN_P));
        if (prob <= 0 || !rngMuon.bernoulli(prob)) {
            return;
        }
        double a = Math.abs(eta);
        if (a < CmsDetector.DT_MAX_ETA) {
            tracks.dtHits[t] = rngMuon.binomial(CmsDetector.DT_LAYERS, CmsDetector.PUNCH_HIT_PROB);
        } else if (a < CmsDetector.CSC_MAX_ETA) {
            tracks.cscHits[t] = rngMuon.binomial(CmsDetector.CSC_LAYERS, CmsDetector.PUNCH_HIT_PROB);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Electrons

    /**
     * An electron: bremsstrahlung at {@link CmsDetector#GSF_TRAJ_POINTS} material layers along its path (the
     * fraction of energy kept at each layer of thickness t follows Bethe-Heitler: -ln(kept) ~ Gamma(t / ln 2)),
     * each brem photon showering where it reaches the ECAL; the electron's remaining energy showers at its own
     * impact. A reconstructed electron gets a GSF track (inner momentum, outer extrapolation), BREM points for
     * photons above {@link #BREM_MIN_ENERGY}, and a KF track when it lost less than half its energy.
     */
    private void electron(int i, int q, double ox, double oy, double oz, double px, double py, double pz, double e) {
        double pt = Fast.hypot(px, py);
        double eta = Fast.eta(px, py, pz);
        boolean tracked = rngTracker.bernoulli(CmsDetector.trackingEfficiency(1, pt, Math.abs(eta)));
        int hits = 0;
        if (tracked) {
            prop.start(ox, oy, oz, px, py, pz, q);
            hits = countHits(prop, Fast.hypot(ox, oy));
            tracked = hits >= CmsDetector.TRACK_MIN_HITS;
        }
        double zBeam = prop.start(ox, oy, oz, px, py, pz, q).zAtBeamLine();

        // Brem chain along the true trajectory.
        numBremPts = 0;
        double energy = e;
        double x = ox;
        double y = oy;
        double z = oz;
        double cx = px;
        double cy = py;
        double cz = pz;
        if (Math.abs(eta) < CmsDetector.CALO_MAX_ETA) {
            double t = CmsDetector.materialX0(eta) / CmsDetector.GSF_TRAJ_POINTS;
            double shape = t / Math.log(2);
            for (int k = 1; k <= CmsDetector.GSF_TRAJ_POINTS; k++) {
                prop.start(x, y, z, cx, cy, cz, q);
                double sEnd = prop.toSurface(CmsDetector.ECAL_R, CmsDetector.ECAL_BARREL_HALF_Z,
                        CmsDetector.ECAL_ENDCAP_Z) ? prop.s : Math.PI * prop.radius();
                prop.moveTo(sEnd / (CmsDetector.GSF_TRAJ_POINTS + 2 - k));
                x = prop.x;
                y = prop.y;
                z = prop.z;
                double pBefore = energy;
                double kept = Math.exp(-rngElectron.gamma(shape));
                double after = Math.max(energy * kept, 2 * ELECTRON_MASS);
                double photon = energy - after;
                double dx = prop.px;
                double dy = prop.py;
                double dz = prop.pz;
                double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
                int b = numBremPts++;
                bremGamma[b] = photon;
                bremPBefore[b] = pBefore;
                bremEta[b] = Fast.eta(dx, dy, dz);
                bremPhi[b] = Math.atan2(dy, dx);
                bremReaches[b] = false;
                if (photon > 0) {
                    int region = impact(x, y, z, dx / norm * photon, dy / norm * photon, dz / norm * photon, 0);
                    if (region != REGION_NONE) {
                        emShower(tracked ? -1 : i, region, photon);
                        if (region == REGION_BARREL_ENDCAP) {
                            bremReaches[b] = true;
                            bremEtaEcal[b] = eEta;
                            bremPhiEcal[b] = ePhi;
                        }
                    }
                }
                double scale = after / energy;
                cx = dx * scale;
                cy = dy * scale;
                cz = dz * scale;
                energy = after;
            }
        }
        int region = impact(x, y, z, cx, cy, cz, q);
        if (region != REGION_NONE) {
            emShower(tracked ? -1 : i, region, energy);
        }
        if (!tracked) {
            return;
        }
        int g = tracks.add(true, i);
        tracks.hits[g] = hits;
        double res = CmsDetector.trackPtResolution(pt, Math.abs(eta), false);
        measure(g, q, pt, eta, Math.atan2(py, px), res, zBeam);
        // The GSF outer state: the last segment's direction with the momentum measured there.
        double pOut = Math.max(0.05, energy * (1 + CmsDetector.GSF_OUT_RES * rngTracker.gaussian()));
        double cn = Math.sqrt(cx * cx + cy * cy + cz * cz);
        extrapolateFrom(g, x, y, z, cx / cn * pOut, cy / cn * pOut, cz / cn * pOut);
        particleTrack[i] = g;
        for (int b = 0; b < numBremPts; b++) {
            if (bremGamma[b] < BREM_MIN_ENERGY) {
                continue;
            }
            int r = brems.add(g);
            brems.trajPoint[r] = b + 1;
            double sigma = Fast.hypot(BREM_DP_REL * bremGamma[b], BREM_DP_P * bremPBefore[b]);
            brems.sigmaDeltaP[r] = sigma;
            brems.deltaP[r] = bremGamma[b] + sigma * rngElectron.gaussian();
            brems.eta[r] = bremEta[b];
            brems.phi[r] = bremPhi[b];
            brems.reachesEcal[r] = bremReaches[b];
            brems.etaEcal[r] = bremReaches[b] ? bremEtaEcal[b] : 0;
            brems.phiEcal[r] = bremReaches[b] ? bremPhiEcal[b] : 0;
        }
        double fBrem = 1 - energy / e;
        if (fBrem < CmsDetector.KF_MAX_BREM_FRACTION) {
            // The KF fit follows the electron with the mean momentum along its path.
            int k = tracks.add(false, i);
            tracks.hits[k] = hits;
            measure(k, q, pt * (1 - 0.5 * fBrem), eta, Math.atan2(py, px), res, zBeam);
            extrapolate(k, ox, oy, oz);
            tracks.twin[k] = g;
            tracks.twin[g] = k;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // After all particles

    private void clusterAll() {
        clusterLayer(Calorimetry.ECAL, cfg.ecalSeedThreshold(), cfg.ecalCellThreshold(), true);
        clusterLayer(Calorimetry.HCAL, cfg.hcalSeedThreshold(), cfg.hcalCellThreshold(), false);
        clusterLayer(Calorimetry.HFEM, cfg.hfSeedThreshold(), cfg.hfCellThreshold(), false);
        clusterLayer(Calorimetry.HFHAD, cfg.hfSeedThreshold(), cfg.hfCellThreshold(), false);
    }

    /**
     * Clusters one layer and sets each cluster's measured energy (the noise term of the resolution is one draw per
     * cluster: electronic noise and pileup summed over its cells) and calibrated energy.
     */
    private void clusterLayer(int layer, double seed, double cell, boolean logWeights) {
        CaloLayer l = calo.layers[layer];
        l.cluster(seed, cell, logWeights);
        for (int k = 0; k < l.numClusters; k++) {
            double raw = l.clEnergy[k];
            double noise = switch (layer) {
                case Calorimetry.ECAL -> CmsDetector.ecalNoise(l.clEta[k]);
                case Calorimetry.HFEM -> CmsDetector.hfEmNoise();
                default -> 0;
            };
            double m = rngCalo.logNormal(raw, noise);
            l.clMeasured[k] = m;
            l.clCorr[k] = ClusterCalibration.correct(layer, m, l.clEta[k]);
        }
    }

    /**
     * GSF refits of hadron tracks (the tracker-driven seeding of CMS, emulated with reconstructed quantities only):
     * a KF track above {@link #GSF_SEED_MIN_PT} whose ECAL cluster holds at least {@link #GSF_SEED_MIN_EOP} of its
     * momentum gets a GSF twin with the same measurement and no brem points. Then every GSF track gets its seed
     * type from the supercluster at its ECAL impact.
     */
    private void gsfSeeding() {
        CaloLayer ecal = calo.layers[Calorimetry.ECAL];
        int n = tracks.size;
        for (int t = 0; t < n; t++) {
            if (tracks.gsf[t] || tracks.twin[t] >= 0 || !tracks.reachesEcal[t] || tracks.pt[t] < GSF_SEED_MIN_PT) {
                continue;
            }
            int k = ecal.clusterAt(tracks.etaEcal[t], tracks.phiEcal[t], false);
            if (k < 0 || ecal.clCorr[k] < GSF_SEED_MIN_EOP * tracks.p[t]) {
                continue;
            }
            int g = tracks.add(true, tracks.particle[t]);
            tracks.copyMeasurement(t, g);
            tracks.twin[g] = t;
            tracks.twin[t] = g;
        }
        for (int t = 0; t < tracks.size; t++) {
            if (!tracks.gsf[t]) {
                continue;
            }
            int k = tracks.reachesEcal[t] ? ecal.clusterAt(tracks.etaEcal[t], tracks.phiEcal[t], true) : -1;
            int sc = k >= 0 ? superClusters.ofCluster[k] : -1;
            boolean ecalDriven = sc >= 0
                    && superClusters.energy[sc] / Math.cosh(superClusters.eta[sc]) >= ECAL_DRIVEN_MIN_ET;
            tracks.seed[t] = ecalDriven ? 1 : 2;
        }
    }

    /**
     * z of the reconstructed primary vertex, cm: tracks sorted in z are split where consecutive ones are more than
     * {@link #VERTEX_GAP_CM} apart; the group with the largest sum of pT^2 (pT capped at {@link #VERTEX_MAX_PT})
     * wins and its pT^2-weighted mean z is returned. 0 when the event has no track.
     */
    public double primaryVertexZ() {
        int n = 0;
        if (sortKeys.length < tracks.size) {
            sortKeys = new long[Math.max(tracks.size, 2 * sortKeys.length)];
        }
        for (int t = 0; t < tracks.size; t++) {
            // A GSF twin repeats its KF track: count each particle's measurement once.
            if (tracks.gsf[t] && tracks.twin[t] >= 0) {
                continue;
            }
            // Sortable key: the float bits of z made monotonic as a signed int, then the track index.
            int bits = Float.floatToIntBits((float) tracks.vz[t]);
            int key = bits ^ ((bits >> 31) & 0x7fffffff);
            sortKeys[n++] = ((long) key << 32) | t;
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(sortKeys, 0, n);
        double bestW = -1;
        double bestZ = 0;
        double sw = 0;
        double swz = 0;
        double prevZ = Double.NaN;
        for (int j = 0; j <= n; j++) {
            double z = 0;
            double w = 0;
            if (j < n) {
                int t = (int) (sortKeys[j] & 0xffffffffL);
                z = tracks.vz[t];
                double pt = Math.min(tracks.pt[t], VERTEX_MAX_PT);
                w = pt * pt;
            }
            if (j == n || (j > 0 && z - prevZ > VERTEX_GAP_CM)) {
                if (sw > bestW) {
                    bestW = sw;
                    bestZ = swz / sw;
                }
                sw = 0;
                swz = 0;
            }
            sw += w;
            swz += w * z;
            prevZ = z;
        }
        return bestZ;
    }
}
