/**
 * Training: in come {@link org.mlpf.model.TensorBatch}es (from tensorize's tensors) and a model config, out comes a
 * model directory ({@link org.mlpf.model.ModelDirectory}) and checkpoints. {@link org.mlpf.train.MlpfTrainer} is the
 * single-JVM loop; the distributed trainer (Spark barrier mode) reuses its split step.
 */
package org.mlpf.train;
