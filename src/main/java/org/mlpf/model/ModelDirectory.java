package org.mlpf.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import ai.djl.Device;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import org.mlpf.config.BuildInfo;
import org.mlpf.schema.ElementFeature;
import org.mlpf.schema.NormalizationStats;
import org.mlpf.schema.TensorSchema;

/**
 * A trained (or checkpointed) model on disk, versioned:
 * <pre>
 *   model.json           manifest: format "mlpf-model", version, architecture, parameter file checksum and counts,
 *                        creation time, code and library versions, input features and tensors version (written
 *                        last)
 *   model-config.json    {@link ModelConfig}
 *   parameters.params    the block's parameters in DJL's format (trainable weights, LSH codebooks, normalization)
 *   normalization.json   {@link NormalizationStats} the model was built with (absent for an unnormalized model)
 *   training.json        {@link TrainingMetadata}
 *   optimizer.bin        optimizer state, in checkpoints that training can resume from (optional)
 * </pre>
 * {@link #save} is atomic: it writes a sibling temporary directory, then renames it into place (replacing an
 * existing directory by two renames), so a reader sees a complete directory or none. {@link #load} fails with a
 * message naming the directory and the mismatch: missing files, another format version, a checksum that does not
 * match, parameters that do not fit the config, or normalization statistics that differ from the parameters.
 */
public final class ModelDirectory {
    /** Format name in the manifest. */
    public static final String FORMAT = "mlpf-model";
    /** Version of the layout; bumped on incompatible changes. */
    public static final int VERSION = 1;
    /** Manifest file name. */
    public static final String MANIFEST = "model.json";
    /** Parameter file name. */
    public static final String PARAMETERS = "parameters.params";
    /** Optimizer state file name. */
    public static final String OPTIMIZER = "optimizer.bin";
    /** Architecture name in the manifest. */
    public static final String ARCHITECTURE = "PFNetDense";

    private ModelDirectory() {
    }

    /**
     * The manifest ({@code model.json}). The last two fields are the model's input contract, what inference checks
     * the data against before any work: {@code inputFeatures}, the names of the per-element features of X in order
     * (the 25 CMS features), and {@code tensorSchemaVersion}, the version of the tensors format the model reads.
     * Both are null / 0 in directories written before they were recorded.
     */
    public record Manifest(String format, int version, String architecture, String parametersFile,
            String parametersSha256, long parametersBytes, long trainableParameters, long frozenParameters,
            boolean normalization, boolean optimizerState, String createdAt, String mlpfVersion, String mlpfCommit,
            String djlVersion, String pytorchVersion, List<String> inputFeatures, int tensorSchemaVersion) {
    }

    /** The per-element input features of this build's models, in the order of X: the 25 CMS features. */
    public static List<String> inputFeatures() {
        return Arrays.stream(ElementFeature.values()).filter(ElementFeature::isCms).map(ElementFeature::column)
                .toList();
    }

    private static Gson gson() {
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    }

    /**
     * Writes {@code model} to {@code dir} atomically, replacing what is there.
     *
     * @param optimizerState opaque optimizer state for resuming training, or {@code null}
     */
    public static void save(MlpfModel model, Path dir, TrainingMetadata training, byte[] optimizerState)
            throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createDirectory(tmp);
        try {
            MessageDigest sha = sha256();
            Path params = tmp.resolve(PARAMETERS);
            try (OutputStream os = Files.newOutputStream(params);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(os,
                            sha)))) {
                model.saveParameters(out);
            }
            model.config().write(tmp.resolve(ModelConfig.FILE_NAME));
            if (model.normalization() != null) {
                model.normalization().write(tmp.resolve(NormalizationStats.FILE_NAME));
            }
            Files.writeString(tmp.resolve(TrainingMetadata.FILE_NAME), gson().toJson(training), StandardCharsets.UTF_8);
            if (optimizerState != null) {
                Files.write(tmp.resolve(OPTIMIZER), optimizerState);
            }
            Manifest m = new Manifest(FORMAT, VERSION, ARCHITECTURE, PARAMETERS, HexFormat.of().formatHex(sha.digest()),
                    Files.size(params), model.trainableParameterCount(), model.frozenParameterCount(),
                    model.normalization() != null, optimizerState != null, Instant.now().toString(),
                    BuildInfo.version(), BuildInfo.commit(), BuildInfo.djlVersion(), BuildInfo.pytorchVersion(),
                    // TensorSchema.VERSION is a compile-time constant: no Spark class is loaded by the model code
                    inputFeatures(), TensorSchema.VERSION);
            Files.writeString(tmp.resolve(MANIFEST), gson().toJson(m), StandardCharsets.UTF_8);
            syncAll(tmp);
            replace(tmp, target);
        } finally {
            deleteRecursively(tmp);
        }
    }

    private static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            move(target, old);
        }
        move(tmp, target);
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically: " + e.getMessage(), e);
        }
    }

    private static void syncAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
            }
        }
    }

    /** Loads the model of {@code dir}; the message names the directory and what does not match. */
    public static MlpfModel load(Path dir) throws IOException {
        return load(dir, Device.cpu());
    }

    /** {@link #load(Path)} with the parameters on {@code device}. */
    public static MlpfModel load(Path dir, Device device) throws IOException {
        Manifest m = manifest(dir);
        ModelConfig config = ModelConfig.read(require(dir, ModelConfig.FILE_NAME));
        NormalizationStats stats = null;
        if (m.normalization()) {
            stats = NormalizationStats.read(require(dir, NormalizationStats.FILE_NAME));
        }
        Path params = require(dir, m.parametersFile());
        long size = Files.size(params);
        if (size != m.parametersBytes()) {
            throw damaged(dir, m, size + " bytes, " + MANIFEST + " recorded " + m.parametersBytes()
                    + " (truncated or replaced copy");
        }
        MessageDigest sha = sha256();
        MlpfModel model;
        try (InputStream is = Files.newInputStream(params);
                DataInputStream in = new DataInputStream(new BufferedInputStream(new DigestInputStream(is, sha)))) {
            try {
                model = MlpfModel.withParameters(config, stats, in, device);
            } catch (IOException e) {
                // a file that does not parse is damaged if it differs from what the manifest recorded
                in.transferTo(OutputStream.nullOutputStream());
                checkDigest(dir, m, sha);
                throw new IOException(dir + ": " + e.getMessage(), e);
            }
            // read to the end, so that the checksum covers the whole file and trailing bytes are noticed
            if (in.read() != -1) {
                model.close();
                throw new IOException(dir + ": " + m.parametersFile() + " has bytes after the last parameter: it does "
                        + "not match " + ModelConfig.FILE_NAME);
            }
        }
        try {
            checkDigest(dir, m, sha);
            if (model.trainableParameterCount() != m.trainableParameters()) {
                throw new IOException(dir + ": " + model.trainableParameterCount() + " trainable parameters, the "
                        + "manifest says " + m.trainableParameters());
            }
            if (stats != null) {
                checkNormalization(dir, stats, model.block().encoding());
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /** The parameters' SHA-256, read in the same pass as the parameters, against the manifest's. */
    private static void checkDigest(Path dir, Manifest m, MessageDigest sha) throws IOException {
        String digest = HexFormat.of().formatHex(sha.digest());
        if (!digest.equals(m.parametersSha256())) {
            throw damaged(dir, m, "SHA-256 " + digest + ", " + MANIFEST + " recorded " + m.parametersSha256()
                    + " (corrupt or replaced copy");
        }
    }

    private static IOException damaged(Path dir, Manifest m, String what) {
        return new IOException(dir + ": " + m.parametersFile() + " is damaged: " + what
                + "; copy the model directory again)");
    }

    private static void checkNormalization(Path dir, NormalizationStats stats, InputEncoding enc) throws IOException {
        if (!close(stats.means(), enc.means()) || !close(stats.stds(), enc.stds())) {
            throw new IOException(dir + ": " + NormalizationStats.FILE_NAME + " differs from the normalization in "
                    + PARAMETERS + " (means " + Arrays.toString(Arrays.copyOf(enc.means(), 3)) + "... vs "
                    + Arrays.toString(Arrays.copyOf(stats.means(), 3)) + "...)");
        }
    }

    private static boolean close(float[] a, float[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-6f * Math.max(1f, Math.abs(a[i]))) {
                return false;
            }
        }
        return true;
    }

    /** The training metadata of a model directory. */
    public static TrainingMetadata training(Path dir) throws IOException {
        manifest(dir);
        Path f = require(dir, TrainingMetadata.FILE_NAME);
        try {
            TrainingMetadata t = gson().fromJson(Files.readString(f, StandardCharsets.UTF_8), TrainingMetadata.class);
            if (t == null) {
                throw new IOException(f + ": empty");
            }
            return t;
        } catch (JsonParseException e) {
            throw new IOException(f + ": not training metadata: " + e.getMessage(), e);
        }
    }

    /** The optimizer state of a checkpoint, if it has one. */
    public static Optional<byte[]> optimizerState(Path dir) throws IOException {
        Manifest m = manifest(dir);
        if (!m.optimizerState()) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(require(dir, OPTIMIZER)));
    }

    /** True if {@code dir} holds a complete model directory (its manifest exists). */
    public static boolean isModelDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(MANIFEST));
    }

    /** Reads and checks the manifest of {@code dir} (format, version, architecture) without loading the model. */
    public static Manifest manifest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir + ": no such model directory");
        }
        Path f = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + ": not a model directory (no " + MANIFEST + ")");
        }
        Manifest m;
        try {
            m = gson().fromJson(Files.readString(f, StandardCharsets.UTF_8), Manifest.class);
        } catch (JsonParseException e) {
            throw new IOException(f + ": not a model manifest: " + e.getMessage(), e);
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new IOException(f + ": not a model manifest (format " + (m == null ? "missing" : m.format())
                    + ", expected " + FORMAT + ")");
        }
        if (m.version() != VERSION) {
            throw new IOException(dir + ": model directory format version " + m.version() + ", this build reads "
                    + VERSION);
        }
        if (!ARCHITECTURE.equals(m.architecture())) {
            throw new IOException(dir + ": architecture " + m.architecture() + ", this build has " + ARCHITECTURE);
        }
        return m;
    }

    private static Path require(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + ": " + name + " is missing");
        }
        return f;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : (Iterable<Path>) walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }
}
