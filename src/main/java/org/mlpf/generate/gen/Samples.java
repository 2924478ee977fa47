package org.mlpf.generate.gen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.mlpf.generate.Sample;
import org.mlpf.physics.GenEvent;

/**
 * The samples of the built-in event generator, by name: physics samples {@code ttbar}, {@code qcd} (dijets with
 * pT-hat > 15 GeV), {@code ztautau} (both taus hadronic), and particle guns flat in pT (GeV) and in |eta| < 2.5:
 * {@code gun-e} [1, 100], {@code gun-mu} [0.7, 10], {@code gun-pi} [0.7, 10], {@code gun-pi0} [0, 10],
 * {@code gun-tau} [2, 150], {@code gun-gamma} [10, 100] (the ranges of the MLPF training table) and
 * {@code gun-k0l} [1, 50]. Charged guns shoot particle and antiparticle equally often. Samples are stateless and
 * thread-safe (each thread uses its own generator buffers); {@code docs/generator.md} describes the physics.
 */
public final class Samples {
    private static final Map<String, Sample> BY_NAME = new LinkedHashMap<>();

    static {
        // Register the unstable species before any event exists, so that ParticleData knows every id we produce.
        Species.ensureRegistered();
        add(new PhysicsSample("ttbar", EventGenerator.Process.TTBAR));
        add(new PhysicsSample("qcd", EventGenerator.Process.QCD));
        add(new PhysicsSample("ztautau", EventGenerator.Process.ZTAUTAU));
        add(new GunSample("gun-e", Species.ELECTRON, true, 1, 100));
        add(new GunSample("gun-mu", Species.MUON, true, 0.7, 10));
        add(new GunSample("gun-pi", Species.PION, true, 0.7, 10));
        add(new GunSample("gun-pi0", Species.PI0, false, 0, 10));
        add(new GunSample("gun-tau", Species.TAU, true, 2, 150));
        add(new GunSample("gun-gamma", Species.PHOTON, false, 10, 100));
        // K0L: 1 GeV is where a neutral hadron starts to leave a usable HCAL cluster; 50 GeV covers the neutral
        // hadrons of ttbar and QCD jets.
        add(new GunSample("gun-k0l", Species.K0L, false, 1, 50));
    }

    private Samples() {
    }

    private static void add(Sample s) {
        BY_NAME.put(s.name(), s);
    }

    /** The sample called {@code name}; IllegalArgumentException naming the known samples otherwise. */
    public static Sample byName(String name) {
        Sample s = BY_NAME.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown sample '" + name + "'; known samples: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return s;
    }

    /** The names of all samples, physics samples first. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.keySet()));
    }

    /** A physics sample: a hard process with underlying event, showers, hadrons and decays. */
    record PhysicsSample(String name, EventGenerator.Process process) implements Sample {
        @Override
        public void generate(SplittableRandom rng, int pileup, GenEvent out) {
            EventGenerator.get().generate(process, rng, pileup, out);
        }
    }

    /** A particle gun: one particle (pT flat in [ptMin, ptMax] GeV), decayed if unstable, plus optional pileup. */
    record GunSample(String name, int pdg, boolean bothCharges, double ptMin, double ptMax) implements Sample {
        @Override
        public void generate(SplittableRandom rng, int pileup, GenEvent out) {
            EventGenerator.get().generateGun(pdg, bothCharges, ptMin, ptMax, rng, pileup, out);
        }
    }
}
