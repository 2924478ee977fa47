package org.mlpf.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.mlpf.schema.NormalizationStats;

/**
 * A {@link PfNetDense} with its DJL {@link Model} (which owns the parameters' native memory), its config and its
 * normalization statistics: what training updates, what a {@link ModelDirectory} stores and what inference runs.
 * Create one per JVM and share it; {@link #newPredictor()} per thread or per partition, closed after use.
 */
public final class MlpfModel implements AutoCloseable {
    /** DJL engine the model runs on. */
    public static final String ENGINE = "PyTorch";

    private final Model model;
    private final PfNetDense net;
    private final NormalizationStats stats;

    private MlpfModel(Model model, PfNetDense net, NormalizationStats stats) {
        this.model = model;
        this.net = net;
        this.stats = stats;
    }

    /**
     * A freshly initialized model: weights drawn with the engine's generator seeded from {@code config.seed()},
     * LSH codebooks from the same seed.
     *
     * @param stats normalization of the encoded inputs (from tensorize), or {@code null} for none
     */
    public static MlpfModel create(ModelConfig config, NormalizationStats stats) {
        Engine.getEngine(ENGINE).setRandomSeed((int) (config.seed() ^ (config.seed() >>> 32)));
        MlpfModel m = empty(config, stats);
        m.net.initialize(m.model.getNDManager(), DataType.FLOAT32, initShape(config));
        return m;
    }

    /**
     * A model whose parameters are read from {@code in} (the format of {@link #saveParameters}); fails if a
     * parameter's name or shape differs from what {@code config} implies.
     */
    static MlpfModel withParameters(ModelConfig config, NormalizationStats stats, DataInputStream in)
            throws IOException {
        return withParameters(config, stats, in, Device.cpu());
    }

    /** As {@link #withParameters(ModelConfig, NormalizationStats, DataInputStream)}, parameters on {@code device}. */
    static MlpfModel withParameters(ModelConfig config, NormalizationStats stats, DataInputStream in, Device device)
            throws IOException {
        MlpfModel m = empty(config, stats, device);
        try {
            // initialize to learn the shapes the config implies, then free the drawn values and load the file's
            m.net.initialize(m.model.getNDManager(), DataType.FLOAT32, initShape(config));
            Map<String, Shape> expected = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : m.net.getParameters()) {
                expected.put(p.getKey(), p.getValue().getShape());
                p.getValue().close();
            }
            m.net.loadParameters(m.model.getNDManager(), in);
            for (Pair<String, Parameter> p : m.net.getParameters()) {
                Shape want = expected.get(p.getKey());
                if (!p.getValue().getShape().equals(want)) {
                    throw new IOException("parameter " + p.getKey() + " has shape " + p.getValue().getShape()
                            + " in the file, the config implies " + want);
                }
            }
            // marks the trainable parameters as requiring gradients, as a fresh initialization does
            m.net.initialize(m.model.getNDManager(), DataType.FLOAT32, initShape(config));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw new IOException("parameters do not fit the model of " + ModelConfig.FILE_NAME + ": "
                    + e.getMessage(), e);
        }
        return m;
    }

    private static MlpfModel empty(ModelConfig config, NormalizationStats stats) {
        return empty(config, stats, Device.cpu());
    }

    private static MlpfModel empty(ModelConfig config, NormalizationStats stats, Device device) {
        Model model = Model.newInstance("mlpf", device, ENGINE);
        PfNetDense net = new PfNetDense(config, stats);
        model.setBlock(net);
        return new MlpfModel(model, net, stats);
    }

    private static Shape initShape(ModelConfig config) {
        return new Shape(1, config.binSize(), InputEncoding.RAW_WIDTH);
    }

    /** Loads a model directory written by {@link ModelDirectory#save}. */
    public static MlpfModel load(Path dir) throws IOException {
        return ModelDirectory.load(dir);
    }

    /** Loads a model directory with its parameters on {@code device} (a task's GPU, or the CPU). */
    public static MlpfModel load(Path dir, Device device) throws IOException {
        return ModelDirectory.load(dir, device);
    }

    /** Writes the parameters in DJL's block format. */
    void saveParameters(DataOutputStream out) throws IOException {
        net.saveParameters(out);
    }

    /** The hyper-parameters. */
    public ModelConfig config() {
        return net.config();
    }

    /** The normalization statistics given at creation or load, or {@code null} if none. */
    public NormalizationStats normalization() {
        return stats;
    }

    /** The network block. */
    public PfNetDense block() {
        return net;
    }

    /** The DJL model (owner of the parameters' NDManager). */
    public Model djlModel() {
        return model;
    }

    /** Trainable scalars. */
    public long trainableParameterCount() {
        return net.trainableParameterCount();
    }

    /** Frozen scalars (LSH codebooks, normalization statistics). */
    public long frozenParameterCount() {
        return net.frozenParameterCount();
    }

    /** A predictor; not thread-safe: one per thread, closed after use. */
    public Predictor<TensorBatch, ElementPredictions> newPredictor() {
        return model.newPredictor(new MlpfTranslator(config()));
    }

    /**
     * Runs the network on {@code x (B, N, 25)}; outputs are attached to x's manager. For training loops that manage
     * their own NDManagers and grad mode; inference should go through {@link #newPredictor()}.
     */
    public NDList forward(ParameterStore ps, NDArray x, boolean training) {
        return net.forward(ps, new NDList(x), training);
    }

    @Override
    public void close() {
        model.close();
    }
}
