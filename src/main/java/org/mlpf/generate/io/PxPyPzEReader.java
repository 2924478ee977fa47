package org.mlpf.generate.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mlpf.physics.GenEvent;
import org.mlpf.physics.ParticleData;

/**
 * Reads the plain-text particle format of FastJet's examples: one particle per line, {@code px py pz E} in GeV,
 * optionally followed by more columns.
 *
 * <ul>
 *   <li>Blank lines and lines starting with {@code #} are ignored, except two markers: {@code #END} ends an
 *       event (files may hold several), and {@code #SUBSTART} starts a sub-event. The first sub-event is the
 *       hard scatter (vertex 0), each later one a pileup interaction (vertex 1, 2, ...), as in FastJet's
 *       {@code Pythia-*-pileup-1ev.dat}.</li>
 *   <li>A fifth column is taken as the PDG id when it is an integer id of a known particle that reaches the
 *       detector (a lepton, photon or hadron); otherwise it is ignored (FastJet's HZ example keeps a b-tag flag
 *       there). Further columns are ignored.</li>
 *   <li><b>Missing PDG id rule.</b> The species is the one whose mass is nearest to the particle's invariant
 *       mass sqrt(E^2 - p^2), within 0.1% (or 0.2 MeV): pi+-, pi0, K+-, K0L, p, n, Lambda, e, mu; a mass below
 *       0.2 MeV is a photon; a mass that matches nothing makes a charged pion. Masses cannot tell a particle from
 *       its antiparticle, so the sign of charged species is a deterministic function of the momentum bits
 *       (half of them positive), which keeps reading reproducible.</li>
 *   <li>Vertices are not in the format: particles are at the origin; the detector simulation places pileup
 *       vertices along z itself.</li>
 * </ul>
 * A line that does not start with four numbers is an error naming the file and the line number.
 */
public final class PxPyPzEReader {
    private static final int[] MASS_IDENTIFIED = {211, 111, 321, 130, 2212, 2112, 3122, 11, 13};
    private static final double PHOTON_MAX_MASS = 2e-4;

    private PxPyPzEReader() {
    }

    /** Every event of the file, in order; a file without {@code #END} markers is one event. */
    public static List<GenEvent> readAll(Path file) throws IOException {
        List<GenEvent> events = new ArrayList<>();
        GenEvent ev = new GenEvent();
        int vertex = -1;
        boolean any = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.startsWith("#END")) {
                    events.add(finish(ev, vertex));
                    ev = new GenEvent();
                    vertex = -1;
                    any = false;
                    continue;
                }
                if (s.startsWith("#SUBSTART")) {
                    vertex++;
                    continue;
                }
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                parseParticle(s, file, lineNo, ev, Math.max(vertex, 0));
                any = true;
            }
        }
        if (any || events.isEmpty()) {
            events.add(finish(ev, vertex));
        }
        return events;
    }

    private static GenEvent finish(GenEvent ev, int lastVertex) {
        ev.setNumPileup(Math.max(lastVertex, 0));
        return ev;
    }

    private static void parseParticle(String s, Path file, int lineNo, GenEvent ev, int vertex) {
        String[] f = s.split("\\s+");
        if (f.length < 4) {
            throw new EventFormatException(file + ":" + lineNo + ": expected 'px py pz E [pdgid]', got '" + s + "'");
        }
        double[] p = new double[4];
        for (int k = 0; k < 4; k++) {
            try {
                p[k] = Double.parseDouble(f[k]);
            } catch (NumberFormatException e) {
                throw new EventFormatException(file + ":" + lineNo + ": column " + (k + 1) + " is not a number: '"
                        + f[k] + "'");
            }
            if (!Double.isFinite(p[k])) {
                throw new EventFormatException(file + ":" + lineNo + ": column " + (k + 1) + " is not finite: '"
                        + f[k] + "'");
            }
        }
        if (p[3] < 0) {
            throw new EventFormatException(file + ":" + lineNo + ": negative energy " + f[3]);
        }
        int pdg = f.length >= 5 ? explicitPdgId(f[4]) : 0;
        if (pdg == 0) {
            pdg = identify(p[0], p[1], p[2], p[3]);
        }
        int charge = ParticleData.charge(pdg);
        ev.add(pdg, charge, 1, p[0], p[1], p[2], p[3], 0, 0, 0, vertex, -1);
    }

    /** The PDG id in a fifth column, or 0 if the column is not the id of a known final-state particle. */
    static int explicitPdgId(String column) {
        int id;
        try {
            id = Integer.parseInt(column);
        } catch (NumberFormatException e) {
            return 0;
        }
        int a = Math.abs(id);
        // Leptons, photons and hadrons; not quarks (1-6), gluons (21) or W/Z (23, 24), which are never final.
        boolean finalStateSpecies = ParticleData.isKnown(id) && a >= 11 && a != 21 && a != 23 && a != 24;
        return finalStateSpecies ? id : 0;
    }

    /** The missing-PDG-id rule (see the class comment). */
    static int identify(double px, double py, double pz, double e) {
        double m2 = e * e - px * px - py * py - pz * pz;
        double m = m2 > 0 ? Math.sqrt(m2) : 0;
        if (m < PHOTON_MAX_MASS) {
            return 22;
        }
        int best = 211;
        double bestDiff = Double.MAX_VALUE;
        for (int id : MASS_IDENTIFIED) {
            double d = Math.abs(ParticleData.mass(id) - m);
            if (d < bestDiff && d <= Math.max(1e-3 * ParticleData.mass(id), PHOTON_MAX_MASS)) {
                best = id;
                bestDiff = d;
            }
        }
        if (ParticleData.charge(best) == 0) {
            return best;
        }
        long bits = Double.doubleToLongBits(px) ^ Long.rotateLeft(Double.doubleToLongBits(py), 21)
                ^ Long.rotateLeft(Double.doubleToLongBits(pz), 42);
        return (Long.bitCount(bits) & 1) == 1 ? -best : best;
    }
}
