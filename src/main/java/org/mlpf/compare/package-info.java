/**
 * The {@code compare} stage: ntuples, MET, (jets) and MLPF candidates in; per-sample tables of particle efficiency,
 * fake rate, confusion and resolution, MET response, resolution and tails (and jet response and resolution), with
 * uncertainties, as Parquet and CSV, PNG plots, and a summary.md / index.html report out.
 */
package org.mlpf.compare;
