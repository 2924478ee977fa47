package org.mlpf.physics;

import java.util.HashMap;
import java.util.Map;

/**
 * Particle properties by PDG id (PDG 2024 masses, GeV): mass, charge, whether the particle is invisible to the
 * detector, and its MLPF target class. Antiparticles (negative ids) have the opposite charge. Generators add
 * the unstable species they decay with {@link #register}; the final-state species are built in.
 */
public final class ParticleData {
    /** One species. {@code threeCharge} is three times the charge, so that quarks fit in an int. */
    public record Species(int pdgId, String name, double mass, int threeCharge, boolean invisible) {
    }

    private static final Map<Integer, Species> BY_ID = new HashMap<>();

    static {
        // Leptons and gauge bosons
        register(11, "e-", 0.000510999, -3, false);
        register(12, "nu_e", 0, 0, true);
        register(13, "mu-", 0.105658, -3, false);
        register(14, "nu_mu", 0, 0, true);
        register(15, "tau-", 1.77686, -3, false);
        register(16, "nu_tau", 0, 0, true);
        register(22, "gamma", 0, 0, false);
        register(23, "Z0", 91.1876, 0, false);
        register(24, "W+", 80.377, 3, false);
        // Light hadrons that reach the detector (or decay in flight: pi0, K0S, Lambda...)
        register(111, "pi0", 0.1349768, 0, false);
        register(211, "pi+", 0.13957039, 3, false);
        register(130, "K0L", 0.497611, 0, false);
        register(310, "K0S", 0.497611, 0, false);
        register(321, "K+", 0.493677, 3, false);
        register(2212, "p", 0.93827208, 3, false);
        register(2112, "n", 0.93956542, 0, false);
        register(3122, "Lambda", 1.115683, 0, false);
        register(3222, "Sigma+", 1.18937, 3, false);
        register(3212, "Sigma0", 1.192642, 0, false);
        register(3112, "Sigma-", 1.197449, -3, false);
        register(3322, "Xi0", 1.31486, 0, false);
        register(3312, "Xi-", 1.32171, -3, false);
        register(3334, "Omega-", 1.67245, -3, false);
        // Quarks and gluon (for generators' bookkeeping)
        register(1, "d", 0.0047, -1, false);
        register(2, "u", 0.0022, 2, false);
        register(3, "s", 0.095, -1, false);
        register(4, "c", 1.27, 2, false);
        register(5, "b", 4.18, -1, false);
        register(6, "t", 172.5, 2, false);
        register(21, "g", 0, 0, false);
    }

    private ParticleData() {
    }

    /** Adds or replaces a species (positive id: the particle; its antiparticle is implied). */
    public static synchronized void register(int pdgId, String name, double mass, int threeCharge, boolean invisible) {
        if (pdgId <= 0) {
            throw new IllegalArgumentException("register particles by their positive PDG id, got " + pdgId);
        }
        BY_ID.put(pdgId, new Species(pdgId, name, mass, threeCharge, invisible));
    }

    /** The species of {@code pdgId} (sign ignored), or null if unknown. */
    public static Species species(int pdgId) {
        return BY_ID.get(Math.abs(pdgId));
    }

    /** True if the species is known. */
    public static boolean isKnown(int pdgId) {
        return species(pdgId) != null;
    }

    /** Mass in GeV; throws for an unknown id. */
    public static double mass(int pdgId) {
        return require(pdgId).mass();
    }

    /** Three times the charge, with the sign of the particle or antiparticle; throws for an unknown id. */
    public static int threeCharge(int pdgId) {
        int q = require(pdgId).threeCharge();
        return pdgId < 0 ? -q : q;
    }

    /** Charge in units of e, for leptons and hadrons; throws for an unknown id. */
    public static int charge(int pdgId) {
        return threeCharge(pdgId) / 3;
    }

    /** True for particles the detector never sees (neutrinos). Unknown ids are visible. */
    public static boolean isInvisible(int pdgId) {
        Species s = species(pdgId);
        return s != null && s.invisible();
    }

    /** The (positive) PDG ids of the invisible species, sorted: what generator MET sums over. */
    public static synchronized int[] invisibleIds() {
        return BY_ID.values().stream().filter(Species::invisible).mapToInt(Species::pdgId).sorted().toArray();
    }

    /**
     * The generator-level target class (docs/simulation.md, Targets) of a final-state particle, ignoring the forward
     * calorimeter (whose classes HFEM/HFHAD depend on where the particle goes, not what it is): charged hadrons
     * (pi, K, p, Sigma+-, Xi-, Omega-), neutral hadrons (K0L, K0S, n, Lambda, Sigma0, Xi0, undecayed pi0),
     * photons, electrons, muons; NONE for invisible or unknown particles.
     */
    public static ParticleClass targetClass(int pdgId) {
        int a = Math.abs(pdgId);
        return switch (a) {
            case 211, 321, 2212, 3222, 3112, 3312, 3334 -> ParticleClass.CHARGED_HADRON;
            case 130, 310, 2112, 3122, 3212, 3322, 111 -> ParticleClass.NEUTRAL_HADRON;
            case 22 -> ParticleClass.PHOTON;
            case 11 -> ParticleClass.ELECTRON;
            case 13 -> ParticleClass.MUON;
            default -> ParticleClass.NONE;
        };
    }

    private static Species require(int pdgId) {
        Species s = species(pdgId);
        if (s == null) {
            throw new IllegalArgumentException("unknown PDG id " + pdgId);
        }
        return s;
    }
}
