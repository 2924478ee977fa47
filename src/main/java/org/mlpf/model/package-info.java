/**
 * The MLPF model in DJL (PyTorch engine): PFNetDense, the GNN with LSH binning of docs/model.md, as DJL blocks
 * (shapes in each block's Javadoc), its loss, config and model directory, and single-JVM inference. In: a
 * {@link org.mlpf.model.TensorBatch} ({@code (B, N, 25)} element features); out:
 * {@link org.mlpf.model.ElementPredictions} (class probabilities, charge, pt, eta, phi, energy per element).
 * No Spark here.
 */
package org.mlpf.model;
