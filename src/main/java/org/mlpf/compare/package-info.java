/**
 * The {@code compare} stage: ntuples, MET, (jets) and MLPF candidates in; per-sample tables of particle efficiency,
 * fake rate, confusion, resolution and candidate response, MET response, resolution and tails (and jet response,
 * resolution, matching efficiency, definition and constituents), with uncertainties, the headline and the verdict
 * (PF vs MLPF side by side), as Parquet and CSV, PNG plots, and a summary.md / index.html report that leads with the
 * headline out ({@code docs/compare.md}).
 */
package org.mlpf.compare;
