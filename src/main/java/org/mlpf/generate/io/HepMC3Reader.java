package org.mlpf.generate.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mlpf.physics.GenEvent;
import org.mlpf.physics.ParticleData;

/**
 * Reads HepMC3 ASCII files (the {@code HepMC::Asciiv3} format that Pythia 8, Herwig 7 and MadGraph write) and
 * keeps each event's final-state particles (status 1) with their production vertices.
 *
 * <p>Lines used: {@code E} (event; optional {@code @ x y z t} position), {@code U} (momentum unit GEV or MEV,
 * length unit MM or CM; converted to GeV and cm), {@code P id parent pdg px py pz e m status}, and
 * {@code V id status [incoming] @ x y z t}. A particle's parent is a vertex (negative), a mother particle
 * (positive: the mother's end vertex), or 0 (none). A vertex without a position takes the position of its
 * first incoming particle's production vertex, and ultimately the event's. Other lines (weights, attributes,
 * run info) are skipped. Charges come from {@link ParticleData}; a final-state particle of unknown species is
 * an error. All particles belong to vertex id 0: HepMC3 has no standard pileup marker.
 */
public final class HepMC3Reader {
    private HepMC3Reader() {
    }

    /** Every event of the file, in order. */
    public static List<GenEvent> readAll(Path file) throws IOException {
        List<GenEvent> events = new ArrayList<>();
        EventLines current = null;
        double momentumUnit = 1;
        double lengthUnit = 0.1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean sawHeader = false;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("HepMC::")) {
                    if (s.startsWith("HepMC::IO_GenEvent")) {
                        throw new EventFormatException(file + ":" + lineNo + ": HepMC2 (IO_GenEvent) format; convert "
                                + "it to HepMC3 ASCII (e.g. with HepMC3's convert_example)");
                    }
                    sawHeader |= s.startsWith("HepMC::Asciiv3-START_EVENT_LISTING");
                    continue;
                }
                if (!sawHeader) {
                    throw new EventFormatException(file + ":" + lineNo
                            + ": not a HepMC3 ASCII file (no HepMC::Asciiv3-START_EVENT_LISTING before the events)");
                }
                char tag = s.charAt(0);
                switch (tag) {
                    case 'E' -> {
                        if (current != null) {
                            events.add(current.build(file, momentumUnit, lengthUnit));
                        }
                        current = new EventLines(lineNo);
                        current.parseEvent(s, file, lineNo);
                    }
                    case 'U' -> {
                        String[] f = s.split("\\s+");
                        if (f.length < 3) {
                            throw new EventFormatException(file + ":" + lineNo + ": expected 'U GEV|MEV MM|CM'");
                        }
                        momentumUnit = switch (f[1]) {
                            case "GEV" -> 1;
                            case "MEV" -> 1e-3;
                            default -> throw new EventFormatException(file + ":" + lineNo + ": unknown momentum unit "
                                    + f[1]);
                        };
                        lengthUnit = switch (f[2]) {
                            case "MM" -> 0.1;
                            case "CM" -> 1;
                            default -> throw new EventFormatException(file + ":" + lineNo + ": unknown length unit "
                                    + f[2]);
                        };
                    }
                    case 'P', 'V' -> {
                        if (current == null) {
                            throw new EventFormatException(file + ":" + lineNo + ": '" + tag + "' line before any 'E'");
                        }
                        if (tag == 'P') {
                            current.parseParticle(s, file, lineNo);
                        } else {
                            current.parseVertex(s, file, lineNo);
                        }
                    }
                    default -> {
                        // W (weights), A (attributes), T (tool), N (weight names), C (cross-section): not needed.
                    }
                }
            }
        }
        if (current != null) {
            events.add(current.build(file, momentumUnit, lengthUnit));
        }
        return events;
    }

    /** One event's particle and vertex lines, resolved into a GenEvent at the end. */
    private static final class EventLines {
        final int firstLine;
        double[] eventPosition = new double[3];
        final List<double[]> particles = new ArrayList<>(); // id, parent, pdg, px, py, pz, e, status, line
        final Map<Integer, double[]> vertexPosition = new HashMap<>();
        final Map<Integer, Integer> vertexFirstIncoming = new HashMap<>();
        final Map<Integer, Integer> particleRow = new HashMap<>();

        EventLines(int firstLine) {
            this.firstLine = firstLine;
        }

        void parseEvent(String s, Path file, int lineNo) {
            int at = s.indexOf('@');
            if (at >= 0) {
                eventPosition = position(s.substring(at + 1), file, lineNo);
            }
        }

        void parseParticle(String s, Path file, int lineNo) {
            String[] f = s.split("\\s+");
            if (f.length < 10) {
                throw new EventFormatException(file + ":" + lineNo + ": expected 'P id parent pdg px py pz e m status'");
            }
            double[] row = new double[9];
            try {
                row[0] = Integer.parseInt(f[1]);
                row[1] = Integer.parseInt(f[2]);
                row[2] = Integer.parseInt(f[3]);
                for (int k = 0; k < 4; k++) {
                    row[3 + k] = Double.parseDouble(f[4 + k]);
                    if (!Double.isFinite(row[3 + k])) {
                        throw new NumberFormatException("not finite: " + f[4 + k]);
                    }
                }
                row[7] = Integer.parseInt(f[9]);
            } catch (NumberFormatException e) {
                throw new EventFormatException(file + ":" + lineNo + ": malformed particle line (" + e.getMessage()
                        + "): '" + s + "'");
            }
            row[8] = lineNo;
            particleRow.put((int) row[0], particles.size());
            particles.add(row);
        }

        void parseVertex(String s, Path file, int lineNo) {
            String[] f = s.split("\\s+");
            int id;
            try {
                id = Integer.parseInt(f[1]);
            } catch (RuntimeException e) {
                throw new EventFormatException(file + ":" + lineNo + ": malformed vertex line '" + s + "'");
            }
            int open = s.indexOf('[');
            int close = s.indexOf(']');
            if (open >= 0 && close > open) {
                String list = s.substring(open + 1, close).strip();
                if (!list.isEmpty()) {
                    try {
                        vertexFirstIncoming.put(id, Integer.parseInt(list.split(",")[0].strip()));
                    } catch (NumberFormatException e) {
                        throw new EventFormatException(file + ":" + lineNo + ": malformed incoming list '" + list + "'");
                    }
                }
            }
            int at = s.indexOf('@');
            if (at >= 0) {
                vertexPosition.put(id, position(s.substring(at + 1), file, lineNo));
            }
        }

        private static double[] position(String s, Path file, int lineNo) {
            String[] f = s.strip().split("\\s+");
            if (f.length < 3) {
                throw new EventFormatException(file + ":" + lineNo + ": expected '@ x y z t'");
            }
            try {
                return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
            } catch (NumberFormatException e) {
                throw new EventFormatException(file + ":" + lineNo + ": malformed position '" + s.strip() + "'");
            }
        }

        /** Position of the production vertex of the particle in {@code row} (depth-limited against cycles). */
        private double[] productionPosition(double[] row, int depth) {
            int parent = (int) row[1];
            if (parent == 0 || depth > 1000) {
                return eventPosition;
            }
            if (parent > 0) {
                // Produced at the end vertex of particle `parent`, which has no explicit vertex line: its position
                // is unknown, so inherit the mother's production position.
                Integer mother = particleRow.get(parent);
                return mother == null ? eventPosition : productionPosition(particles.get(mother), depth + 1);
            }
            double[] pos = vertexPosition.get(parent);
            if (pos != null) {
                return pos;
            }
            Integer incoming = vertexFirstIncoming.get(parent);
            Integer r = incoming == null ? null : particleRow.get(incoming);
            return r == null ? eventPosition : productionPosition(particles.get(r), depth + 1);
        }

        GenEvent build(Path file, double momentumUnit, double lengthUnit) {
            GenEvent ev = new GenEvent();
            for (double[] row : particles) {
                if ((int) row[7] != 1) {
                    continue;
                }
                int pdg = (int) row[2];
                if (!ParticleData.isKnown(pdg)) {
                    throw new EventFormatException(file + ":" + (int) row[8] + ": final-state particle with unknown "
                            + "PDG id " + pdg + " (event starting at line " + firstLine + ")");
                }
                double[] v = productionPosition(row, 0);
                ev.add(pdg, ParticleData.charge(pdg), 1, row[3] * momentumUnit, row[4] * momentumUnit,
                        row[5] * momentumUnit, row[6] * momentumUnit, v[0] * lengthUnit, v[1] * lengthUnit,
                        v[2] * lengthUnit, 0, -1);
            }
            return ev;
        }
    }
}
