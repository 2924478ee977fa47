/**
 * The {@code tensorize} stage: Parquet ntuples in; padded, bucketed, split event tensors
 * ({@link org.mlpf.schema.TensorSchema}), normalization statistics, a summary and a quarantine out; and the Arrow
 * reader that hands tensor batches to DJL on executors ({@link org.mlpf.tensorize.TensorBatches}).
 */
package org.mlpf.tensorize;
