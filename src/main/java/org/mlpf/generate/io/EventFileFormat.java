package org.mlpf.generate.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.mlpf.physics.GenEvent;

/** The generator-output file formats the project reads. */
public enum EventFileFormat {
    /** Plain text, one particle per line: {@code px py pz E [pdgid]}, as in FastJet's example files. */
    pxpypze,
    /** HepMC3 ASCII, as written by Pythia 8, Herwig 7 and MadGraph. */
    hepmc3;

    /** Reads every event of {@code file} (final-state particles only). */
    public List<GenEvent> readAll(Path file) {
        try {
            return switch (this) {
                case pxpypze -> PxPyPzEReader.readAll(file);
                case hepmc3 -> HepMC3Reader.readAll(file);
            };
        } catch (java.nio.file.NoSuchFileException e) {
            throw new EventFormatException(file + ": file does not exist");
        } catch (IOException e) {
            throw new EventFormatException(file + ": cannot read: " + e.getMessage());
        }
    }
}
