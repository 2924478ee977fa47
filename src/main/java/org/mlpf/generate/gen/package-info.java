/**
 * The built-in event generator (plain Java, no Spark): hard processes, parton showers, fragmentation, decays,
 * underlying event and pileup, producing generator-level particles. In: a sample name ({@link
 * org.mlpf.generate.gen.Samples}), a per-event random seed and a pileup count; out: a filled {@link
 * org.mlpf.physics.GenEvent}. The model and its limits are described in {@code docs/generator.md}.
 */
package org.mlpf.generate.gen;
