package org.mlpf.generate.gen;

import java.util.Arrays;

import org.mlpf.physics.GenEvent;

/**
 * The generator's view of the {@link GenEvent} being filled: appends particles with the charge of their species
 * and remembers each particle's exact mass (GeV) beside it, so that decays never have to recover a mass from
 * E^2 - p^2 (which loses precision for light, fast particles).
 */
final class EventRecord {
    private GenEvent event;
    private double[] mass = new double[1024];
    private int start;

    /** Starts filling {@code out} (normally reset by the caller; particles already in it are left alone). */
    void begin(GenEvent out) {
        event = out;
        start = out.size();
    }

    /** Index of this event's first particle (0 unless the caller handed over a non-empty event). */
    int start() {
        return start;
    }

    GenEvent event() {
        return event;
    }

    int size() {
        return event.size();
    }

    /** Appends a final-state (status 1) particle and returns its index. */
    int add(int pdg, double px, double py, double pz, double e, double m, double vx, double vy, double vz,
            int vertexId, int parent) {
        int i = event.add(pdg, Species.charge(pdg), 1, px, py, pz, e, vx, vy, vz, vertexId, parent);
        if (i >= mass.length) {
            mass = Arrays.copyOf(mass, Math.max(2 * mass.length, i + 1));
        }
        mass[i] = m;
        return i;
    }

    /** The mass the particle was made with, GeV. */
    double mass(int i) {
        return mass[i];
    }
}
