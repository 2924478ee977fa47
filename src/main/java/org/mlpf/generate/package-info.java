/**
 * Sample production: event generation, fast detector simulation and baseline PF. In: a sample name and
 * seed, or generator-output files; out: Parquet ntuples ({@link org.mlpf.schema.NtupleSchema}).
 */
package org.mlpf.generate;
