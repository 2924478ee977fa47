/**
 * The thin Spark layer shared by the stage jobs: creating the session from a configuration and checking
 * Parquet inputs (existence, emptiness, readable footers, schemas) before any work.
 */
package org.mlpf.spark;
