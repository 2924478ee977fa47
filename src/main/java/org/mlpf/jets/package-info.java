/**
 * Sequential-recombination jet clustering (anti-kt, kt, Cambridge/Aachen) in plain Java, with FastJet's
 * vocabulary and results: {@link org.mlpf.jets.JetDefinition} (algorithm, R, E-scheme, strategy),
 * {@link org.mlpf.jets.ClusterSequence} (the clustering and its history, inclusive jets, constituents) and
 * {@link org.mlpf.jets.PseudoJet} (a four-momentum with the index of its input). In: particles (px, py, pz, E in
 * GeV); out: jets. No Spark here: the Spark jets stage built on it is in {@code org.mlpf.jets.stage}.
 */
package org.mlpf.jets;
