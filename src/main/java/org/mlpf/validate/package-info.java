/**
 * The {@code validate} stage: reads a Parquet ntuple dataset and checks its schema and values; out comes a
 * {@link org.mlpf.validate.ValidationReport} with summary counts and the offending values, if any.
 */
package org.mlpf.validate;
