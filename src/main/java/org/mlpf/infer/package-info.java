/**
 * The {@code infer} stage: tensors (or ntuples, tensorized on the fly) and a model directory in; MLPF candidates per
 * event ({@link org.mlpf.schema.CandidateSchema}) out, one committed directory per sample. The model runs on the
 * executors: one model per executor JVM ({@link org.mlpf.infer.ExecutorModels}), one predictor per partition, on
 * the task's GPU when it has one ({@link org.mlpf.spark.DeviceChoice}).
 */
package org.mlpf.infer;
