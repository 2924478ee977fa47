/**
 * Readers of generator output: HepMC3 ASCII and FastJet's plain {@code px py pz E} text. In: a file; out: one
 * {@link org.mlpf.physics.GenEvent} per event with its final-state particles.
 */
package org.mlpf.generate.io;
