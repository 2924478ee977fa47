package org.mlpf.schema;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * Per-feature mean and standard deviation of the {@link FeatureEncoding encoded} features over real elements:
 * computed by tensorize in one distributed pass (accumulate per partition, {@link #merge}), saved next to the
 * tensors as versioned JSON ({@code normalization.json}), copied into the model directory and applied by the
 * model's input block at training and inference time. Accumulation is in double precision (Chan et al.'s
 * parallel update), so the result does not depend on how elements are split across partitions beyond
 * rounding.
 */
public final class NormalizationStats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Version of the JSON format. */
    public static final int VERSION = 1;
    /** File name next to tensors and in model directories. */
    public static final String FILE_NAME = "normalization.json";
    /** Smallest standard deviation used to scale (constant features, e.g. one-hot columns never set). */
    public static final double MIN_STD = 1e-6;

    private long count;
    private final double[] mean;
    private final double[] m2;

    /** Empty statistics over {@link FeatureEncoding#WIDTH} features. */
    public NormalizationStats() {
        this(0, new double[FeatureEncoding.WIDTH], new double[FeatureEncoding.WIDTH]);
    }

    private NormalizationStats(long count, double[] mean, double[] m2) {
        this.count = count;
        this.mean = mean;
        this.m2 = m2;
    }

    /**
     * Statistics from per-feature moments (e.g. a SQL aggregation): element count, means and population variances,
     * each of length {@link FeatureEncoding#WIDTH}.
     */
    public static NormalizationStats fromMoments(long count, double[] means, double[] variances) {
        if (means.length != FeatureEncoding.WIDTH || variances.length != FeatureEncoding.WIDTH) {
            throw new IllegalArgumentException("expected " + FeatureEncoding.WIDTH + " means and variances, got "
                    + means.length + " and " + variances.length);
        }
        double[] m2 = new double[variances.length];
        for (int k = 0; k < m2.length; k++) {
            m2[k] = variances[k] * count;
        }
        return new NormalizationStats(count, means.clone(), m2);
    }

    /** Adds one encoded element (Welford's update). */
    public void add(float[] encoded, int offset) {
        count++;
        for (int k = 0; k < mean.length; k++) {
            double x = encoded[offset + k];
            double d = x - mean[k];
            mean[k] += d / count;
            m2[k] += d * (x - mean[k]);
        }
    }

    /** Merges {@code o} into this and returns this. */
    public NormalizationStats merge(NormalizationStats o) {
        if (o.count == 0) {
            return this;
        }
        long n = count + o.count;
        for (int k = 0; k < mean.length; k++) {
            double d = o.mean[k] - mean[k];
            mean[k] += d * o.count / n;
            m2[k] += o.m2[k] + d * d * ((double) count * o.count / n);
        }
        count = n;
        return this;
    }

    /** Number of elements seen. */
    public long count() {
        return count;
    }

    /** Means as floats. */
    public float[] means() {
        float[] out = new float[mean.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) mean[k];
        }
        return out;
    }

    /** Population standard deviations as floats, at least {@link #MIN_STD}. */
    public float[] stds() {
        float[] out = new float[mean.length];
        for (int k = 0; k < out.length; k++) {
            double var = count > 0 ? m2[k] / count : 0;
            out[k] = (float) Math.max(Math.sqrt(Math.max(var, 0)), MIN_STD);
        }
        return out;
    }

    /** The JSON form. */
    private record Json(int version, List<String> features, long count, double[] mean, double[] std, double[] m2) {
    }

    /** The statistics as JSON (the content of {@value #FILE_NAME}). */
    public String toJson() {
        double[] std = new double[mean.length];
        float[] s = stds();
        for (int k = 0; k < std.length; k++) {
            std[k] = s[k];
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
        return gson.toJson(new Json(VERSION, FeatureEncoding.names(), count, mean, std, m2));
    }

    /** Writes the statistics as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /** Reads statistics written by {@link #write}; fails naming the file on another version or feature list. */
    public static NormalizationStats read(Path file) throws IOException {
        Json j;
        try {
            j = new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8), Json.class);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not a normalization file: " + e.getMessage(), e);
        }
        if (j == null || j.version() != VERSION) {
            throw new IOException(file + ": normalization format version " + (j == null ? "missing" : j.version())
                    + ", expected " + VERSION);
        }
        if (!FeatureEncoding.names().equals(j.features())) {
            throw new IOException(file + ": encoded features differ from this build's " + FeatureEncoding.WIDTH
                    + " (" + j.features() + ")");
        }
        return new NormalizationStats(j.count(), j.mean().clone(), j.m2().clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NormalizationStats s && s.count == count && Arrays.equals(s.mean, mean)
                && Arrays.equals(s.m2, m2);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(count) * 31 + Arrays.hashCode(mean);
    }
}
