package org.mlpf.model;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Hyper-parameters of {@link PfNetDense}, the GNN-LSH model of docs/model.md. Validates itself on construction
 * (the message names the field, its value and the allowed range) and is saved with every model as
 * {@code model-config.json}. {@link #acat2021()} is the ACAT 2021 configuration of particleflow's
 * {@code parameters/cms.yaml} (Nov 2021).
 *
 * <p>Input contract: a batch is {@code (B, N, 25)} with {@code N} a multiple of {@link #binSize} and at most
 * {@link #maxElements()}; the cost of a forward pass is linear in {@code N}.
 *
 * @param binSize              elements per LSH bin (64); {@code N} must be a multiple of it
 * @param maxNumBins           largest number of bins (200): the frozen LSH codebook has {@code maxNumBins / 2}
 *                             random rotations; an event uses the first {@code max(1, nbins / 2)} of them
 * @param distanceDim          width of the learned embedding that drives binning and the kernel (64)
 * @param distHiddenDim        width of the distance network's hidden layers (128)
 * @param distNumLayers        hidden layers of the distance network (3), each Dense + ELU + dropout
 * @param numMessages          gated graph convolutions (GHConv) per graph layer (3)
 * @param messageDim           output width of each GHConv and of a graph layer (64)
 * @param kernelDistMult       Gaussian kernel factor: adjacency = exp(-kernelDistMult * distance) (0.120898)
 * @param kernelClipLow        lower clip of the adjacency (0.001998); the upper clip is 1
 * @param normalizeDegrees     symmetric degree normalisation D^-1/2 A D^-1/2 of the in-bin adjacency (true)
 * @param numGraphLayersCommon graph layers of the id / charge / eta / phi branch (3)
 * @param numGraphLayersEnergy graph layers of the energy / pt branch (2)
 * @param graphDropout         dropout rate inside graph layers (0.008156)
 * @param headDropout          dropout rate inside the output heads (0.016312)
 * @param id                   class head: hidden width and layers (512, 3: 512 -> 256 -> 128 -> 8)
 * @param charge               charge head (256, 2: 256 -> 128 -> 1)
 * @param eta                  eta correction head (256, 2: 256 -> 128 -> 1)
 * @param phi                  sin/cos phi correction head (256, 2: 256 -> 128 -> 2)
 * @param energy               energy head (256, 3: 256 -> 128 -> 64 -> 1)
 * @param pt                   pt head (256, 2: 256 -> 128 -> 2, the factor and offset of {@code pt_elem * a + b})
 * @param layerNormEpsilon     epsilon of the decoder LayerNorm (1e-3, Keras' default used by the reference)
 * @param seed                 seed of the frozen LSH codebooks and of the initial weights
 */
public record ModelConfig(int binSize, int maxNumBins, int distanceDim, int distHiddenDim, int distNumLayers,
        int numMessages, int messageDim, double kernelDistMult, double kernelClipLow, boolean normalizeDegrees,
        int numGraphLayersCommon, int numGraphLayersEnergy, double graphDropout, double headDropout, Head id,
        Head charge, Head eta, Head phi, Head energy, Head pt, double layerNormEpsilon, long seed) {

    /** File name inside a model directory. */
    public static final String FILE_NAME = "model-config.json";

    private static final Set<String> FIELDS = Arrays.stream(ModelConfig.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());

    /**
     * One output head: a point-wise feed-forward network whose hidden widths halve from {@code hiddenDim}
     * ({@code numLayers} hidden layers, each Dense + ELU + dropout), then a linear output layer.
     *
     * @param hiddenDim width of the first hidden layer
     * @param numLayers number of hidden layers
     */
    public record Head(int hiddenDim, int numLayers) {
        public Head {
            if (numLayers < 1 || numLayers > 8) {
                throw new IllegalArgumentException("head numLayers = " + numLayers + ": must be in [1, 8]");
            }
            if (hiddenDim >> (numLayers - 1) < 1) {
                throw new IllegalArgumentException("head hiddenDim = " + hiddenDim + " halves to 0 within " + numLayers
                        + " layers: must be at least 2^(numLayers-1) = " + (1 << (numLayers - 1)));
            }
        }
    }

    public ModelConfig {
        positive("binSize", binSize);
        positive("maxNumBins", maxNumBins);
        if (maxNumBins < 2 || maxNumBins % 2 != 0) {
            throw new IllegalArgumentException("model config maxNumBins = " + maxNumBins
                    + ": must be even and >= 2 (the codebook holds maxNumBins / 2 rotations, each giving two bins)");
        }
        positive("distanceDim", distanceDim);
        positive("distHiddenDim", distHiddenDim);
        positive("distNumLayers", distNumLayers);
        positive("numMessages", numMessages);
        positive("messageDim", messageDim);
        positive("numGraphLayersCommon", numGraphLayersCommon);
        positive("numGraphLayersEnergy", numGraphLayersEnergy);
        if (!(kernelDistMult > 0) || !Double.isFinite(kernelDistMult)) {
            throw new IllegalArgumentException("model config kernelDistMult = " + kernelDistMult + ": must be > 0");
        }
        if (!(kernelClipLow > 0 && kernelClipLow <= 1)) {
            throw new IllegalArgumentException("model config kernelClipLow = " + kernelClipLow + ": must be in (0, 1]");
        }
        rate("graphDropout", graphDropout);
        rate("headDropout", headDropout);
        for (Head h : new Head[] {id, charge, eta, phi, energy, pt}) {
            if (h == null) {
                throw new IllegalArgumentException("model config: every head (id, charge, eta, phi, energy, pt) "
                        + "must be given");
            }
        }
        if (!(layerNormEpsilon > 0 && layerNormEpsilon < 1)) {
            throw new IllegalArgumentException("model config layerNormEpsilon = " + layerNormEpsilon
                    + ": must be in (0, 1)");
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException("model config " + name + " = " + v + ": must be >= 1");
        }
    }

    private static void rate(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("model config " + name + " = " + v + ": must be in [0, 1)");
        }
    }

    /** The ACAT 2021 configuration (arXiv:2203.00330; particleflow {@code parameters/cms.yaml}, Nov 2021). */
    public static ModelConfig acat2021() {
        return new ModelConfig(64, 200, 64, 128, 3, 3, 64, 0.120898, 0.001998, true, 3, 2, 0.008156, 0.016312,
                new Head(512, 3), new Head(256, 2), new Head(256, 2), new Head(256, 2), new Head(256, 3),
                new Head(256, 2), 1e-3, 20211202L);
    }

    /** Largest padded element count a batch may have: {@code maxNumBins * binSize} (12,800 by default). */
    public long maxElements() {
        return (long) maxNumBins * binSize;
    }

    /** Width of the decoder input of the id branch: the encoded input plus every common graph layer's output. */
    public int decoderWidth() {
        return InputEncoding.WIDTH + numGraphLayersCommon * messageDim;
    }

    /** Width of the energy branch's concatenated graph-layer outputs. */
    public int energyDecoderWidth() {
        return numGraphLayersEnergy * messageDim;
    }

    /** A copy with another seed. */
    public ModelConfig withSeed(long newSeed) {
        return new ModelConfig(binSize, maxNumBins, distanceDim, distHiddenDim, distNumLayers, numMessages, messageDim,
                kernelDistMult, kernelClipLow, normalizeDegrees, numGraphLayersCommon, numGraphLayersEnergy,
                graphDropout, headDropout, id, charge, eta, phi, energy, pt, layerNormEpsilon, newSeed);
    }

    /**
     * Checks that a batch of {@code n} padded elements fits this model.
     *
     * @throws IllegalArgumentException naming {@code n} and the rule it breaks
     */
    public void checkElementCount(long n) {
        if (n < binSize || n % binSize != 0) {
            throw new IllegalArgumentException("padded element count N = " + n + " must be a positive multiple of "
                    + "the bin size " + binSize + " (pad events to a multiple of it)");
        }
        if (n > maxElements()) {
            throw new IllegalArgumentException("padded element count N = " + n + " needs " + n / binSize
                    + " bins, more than maxNumBins = " + maxNumBins + " (at most " + maxElements() + " elements)");
        }
    }

    private static Gson gson() {
        return new GsonBuilder().setPrettyPrinting().create();
    }

    /** The JSON form. */
    public String toJson() {
        return gson().toJson(this);
    }

    /**
     * Parses the JSON form; every field must be present (Gson would silently fill an absent one with 0 or false).
     *
     * @throws IllegalArgumentException if the text is not a complete, valid model config
     */
    public static ModelConfig fromJson(String json) {
        try {
            JsonElement tree = JsonParser.parseString(json);
            if (!tree.isJsonObject()) {
                throw new IllegalArgumentException("not a model config: expected a JSON object");
            }
            JsonObject o = tree.getAsJsonObject();
            for (RecordComponent rc : ModelConfig.class.getRecordComponents()) {
                if (!o.has(rc.getName())) {
                    throw new IllegalArgumentException("model config field " + rc.getName() + " is missing");
                }
            }
            for (String key : o.keySet()) {
                if (!FIELDS.contains(key)) {
                    throw new IllegalArgumentException("model config field " + key + " is unknown to this build");
                }
            }
            return gson().fromJson(o, ModelConfig.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a valid model config: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Gson runs the canonical constructor and wraps its exception, whose message names the bad field
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException invalid) {
                    throw invalid;
                }
            }
            throw e;
        }
    }

    /** Writes {@link #toJson()} to {@code file}. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads a file written by {@link #write}; the message names the file on failure. */
    public static ModelConfig read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
