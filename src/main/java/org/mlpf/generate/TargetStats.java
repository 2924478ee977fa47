package org.mlpf.generate;

/**
 * How much of an event's visible generator-level content the {@code ygen} targets carry: visible particles
 * (status 1, not invisible), those assigned to an element, and those lost (no track and no cluster), with their
 * summed energies in GeV. {@code beyondAcceptance} counts the lost particles with |eta| >= 5, where there is no
 * detector; {@code mergedElements} the elements whose target merges several particles.
 */
public record TargetStats(int visibleParticles, double visibleEnergy, int assignedParticles, double assignedEnergy,
                          int lostParticles, double lostEnergy, int beyondAcceptanceParticles,
                          double beyondAcceptanceEnergy, int mergedElements) {
    /** Fraction of the visible energy within the detector (|eta| < 5) that ygen assigns. */
    public double assignedFractionInAcceptance() {
        double inside = visibleEnergy - beyondAcceptanceEnergy;
        return inside > 0 ? assignedEnergy / inside : 1;
    }
}
