/**
 * The jets stage (Spark): in, Parquet ntuples ({@link org.mlpf.schema.NtupleSchema}) and optionally MLPF
 * candidates ({@link org.mlpf.schema.CandidateSchema}); out, one row per event and source (gen, pf, mlpf) with
 * its anti-kt jets ({@link org.mlpf.schema.JetSchema}), plus a quarantine of what could not be clustered. The
 * clustering itself is the plain-Java library {@link org.mlpf.jets}.
 */
package org.mlpf.jets.stage;
