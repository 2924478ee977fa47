package org.mlpf.infer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.mlpf.model.ModelConfig;
import org.mlpf.model.ModelDirectory;
import org.mlpf.schema.NtupleSchema;
import org.mlpf.schema.TensorSchema;
import org.mlpf.spark.InputException;

/**
 * Checks, on the driver and before any work, that a model directory is complete and readable and fits the data:
 * the per-element features (count and names), the tensors format version, the data's own schema version, and every
 * bucket against the model's bin size and largest element count. Each failure is one {@link InputException} whose
 * message names the model directory, the input and what differs.
 */
public final class ModelCheck {
    private ModelCheck() {
    }

    /**
     * The model directory {@code dir} as tasks will load it: qualified (a relative path would mean another directory
     * on an executor) and pinned to the parameters its manifest names now.
     *
     * @throws InputException if the directory is missing or its manifest unreadable or of another format
     */
    public static ModelRef resolve(SparkSession spark, String dir) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            URI uri = fs.makeQualified(p).toUri();
            ModelDirectory.Manifest m;
            if ("file".equals(uri.getScheme())) {
                m = ModelDirectory.manifest(Paths.get(uri));
            } else {
                // a small local copy of the manifest: ModelDirectory reads local files
                Path tmp = Files.createTempDirectory("mlpf-model-manifest");
                try {
                    fs.copyToLocalFile(new org.apache.hadoop.fs.Path(uri.toString(), ModelDirectory.MANIFEST),
                            new org.apache.hadoop.fs.Path(tmp.resolve(ModelDirectory.MANIFEST).toUri()));
                    m = ModelDirectory.manifest(tmp);
                } finally {
                    Files.deleteIfExists(tmp.resolve(ModelDirectory.MANIFEST));
                    Files.deleteIfExists(tmp);
                }
            }
            return new ModelRef(uri.toString(), m.parametersSha256());
        } catch (IOException e) {
            throw new InputException("model " + dir + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The model's manifest, read through a local copy of the directory if needed. */
    static ModelDirectory.Manifest manifest(ModelRef ref) {
        try {
            return ModelDirectory.manifest(ExecutorModels.localDirectory(ref));
        } catch (IOException e) {
            throw new InputException("model " + ref.uri() + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The first line of a message (JSON parsers append help text on further lines). */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Checks that the model takes the per-element features this build's tensors carry, in the same order.
     *
     * @param model names the model in messages
     */
    static void checkFeatures(String model, ModelDirectory.Manifest m) {
        List<String> mine = ModelDirectory.inputFeatures();
        List<String> theirs = m.inputFeatures();
        if (theirs == null || theirs.equals(mine)) {
            return;
        }
        if (theirs.size() != mine.size()) {
            throw new InputException("model " + model + " takes " + theirs.size() + " features per element, the "
                    + "tensors of this build carry " + mine.size() + " (" + ModelDirectory.MANIFEST + " inputFeatures "
                    + theirs + ")");
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).equals(theirs.get(i))) {
                throw new InputException("model " + model + " takes other features per element than the tensors of "
                        + "this build carry: feature " + i + " is '" + theirs.get(i) + "' for the model, '"
                        + mine.get(i) + "' in the tensors");
            }
        }
    }

    /**
     * Checks the tensors format version: the model's against the data's (tensors input) or the one this build
     * tensorizes ntuples into.
     *
     * @param dataVersion tensors version of the data (for ntuples: {@link TensorSchema#VERSION})
     * @param where       the data, for the message
     */
    static void checkTensorVersion(String model, ModelDirectory.Manifest m, int dataVersion, String where) {
        if (m.tensorSchemaVersion() != 0 && m.tensorSchemaVersion() != dataVersion) {
            throw new InputException("model " + model + " reads tensors v" + m.tensorSchemaVersion() + ", " + where
                    + " v" + dataVersion);
        }
    }

    /**
     * Checks the data's own schema versions against what this build reads.
     *
     * @param tensors     true for a tensors input, false for ntuples
     * @param versions    the distinct {@code schema_version} values of the data
     * @param offender    a file holding another version, computed only if needed
     */
    static void checkDataVersions(boolean tensors, Set<Integer> versions, IntFunction<String> offender) {
        int expected = tensors ? TensorSchema.VERSION : NtupleSchema.VERSION;
        for (int v : versions) {
            if (v != expected) {
                throw new InputException(offender.apply(expected) + ": " + (tensors ? "tensors" : "ntuple")
                        + " schema_version " + v + ", this build reads v" + expected);
            }
        }
    }

    /**
     * Checks the per-element feature count of a tensors input's first row.
     *
     * @param values x values of the row
     * @param slots  element slots of the row (the length of its vz)
     * @param file   the row's file
     */
    static void checkRowShape(String model, ModelDirectory.Manifest m, long values, long slots, String file) {
        int features = m.inputFeatures() != null ? m.inputFeatures().size() : ModelDirectory.inputFeatures().size();
        if (values != slots * features) {
            String has = slots > 0 && values % slots == 0 ? Long.toString(values / slots) : "no whole number of";
            throw new InputException("model " + model + " takes " + features + " features per element, " + file
                    + " has " + has + " (x holds " + values + " values for " + slots + " element slots)");
        }
    }

    /** Checks that every bucket is a padded size the model accepts (a multiple of its bins, not too many bins). */
    static void checkBuckets(String model, ModelConfig config, Set<Integer> buckets, String where) {
        for (int b : buckets) {
            try {
                config.checkElementCount(b);
            } catch (IllegalArgumentException e) {
                throw new InputException("model " + model + " cannot take bucket " + b + " of " + where + ": "
                        + e.getMessage());
            }
        }
    }
}
