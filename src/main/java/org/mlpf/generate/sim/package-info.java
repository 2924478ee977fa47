/**
 * The fast detector simulation (CMS-like tracker, ECAL, HCAL, HF, muon chambers), topological clustering,
 * the rule-based baseline particle flow and the target assignment, in plain Java over primitive arrays.
 * In: a {@link org.mlpf.physics.GenEvent}; out: PF elements, targets and candidates, driven by
 * {@link org.mlpf.generate.Reconstruction}. See {@code docs/simulation.md}.
 */
package org.mlpf.generate.sim;
