/**
 * The {@code met} stage: ntuples (generator particles, baseline PF candidates) and optional MLPF candidates in;
 * MET per event and source ({@link org.mlpf.schema.MetSchema}) out, as GPU-ready DataFrame operations.
 */
package org.mlpf.met;
