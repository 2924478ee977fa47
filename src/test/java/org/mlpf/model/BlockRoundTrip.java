package org.mlpf.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Supplier;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/** Save -> load round trip of a block: a second instance, initialized differently, loads the first's parameters. */
final class BlockRoundTrip {
    private BlockRoundTrip() {
    }

    /**
     * Initializes two blocks from {@code factory} with different seeds, saves the first, loads into the second and
     * asserts equal outputs on {@code inputs}.
     */
    static void check(NDManager manager, Supplier<Block> factory, NDList inputs) throws IOException,
            MalformedModelException {
        JniUtils.setGradMode(false);
        Engine.getEngine(MlpfModel.ENGINE).setRandomSeed(1);
        Block a = factory.get();
        a.initialize(manager, DataType.FLOAT32, inputs.getShapes());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            a.saveParameters(out);
        }
        Engine.getEngine(MlpfModel.ENGINE).setRandomSeed(2);
        Block b = factory.get();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            b.loadParameters(manager, in);
        }
        ParameterStore ps = new ParameterStore(manager, false);
        NDList outA = a.forward(ps, inputs, false);
        NDList outB = b.forward(ps, inputs, false);
        for (int i = 0; i < outA.size(); i++) {
            NDArray x = outA.get(i);
            NDArray y = outB.get(i);
            if (x.getDataType() == DataType.INT64) {
                assertArrayEquals(x.toLongArray(), y.toLongArray(), "output " + i);
            } else {
                assertArrayEquals(x.toFloatArray(), y.toFloatArray(), "output " + i);
            }
        }
    }
}
