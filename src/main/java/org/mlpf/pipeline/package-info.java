/**
 * The pipeline: every stage (generate, tensorize, train, infer, jets, met, compare) as steps under one dataset root,
 * run incrementally. {@link org.mlpf.pipeline.PipelinePlan} makes the steps from the configuration
 * ({@link org.mlpf.pipeline.PipelineConfig}); {@link org.mlpf.pipeline.Pipeline} runs them, skipping a step whose
 * committed output has the fingerprint of its stage, parameters, code version and inputs, and writes step records
 * and the run manifest. See {@code docs/pipeline.md}.
 */
package org.mlpf.pipeline;
