package org.mlpf.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.mlpf.spark.InputException;
import org.mlpf.spark.OutputDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Runs pipeline steps in order, incrementally: a step whose output is committed and whose fingerprint (stage,
 * sample, parameters, code version and the fingerprints of the steps it reads) equals the one recorded when it last
 * ran is skipped. Outputs are committed atomically by the stages themselves; the step record is written after the
 * commit, so a run killed at any point leaves either a complete output with its record, a complete output without
 * record (redone next time), or nothing visible. Every run writes {@code ROOT/manifest.json}.
 */
public final class Pipeline {
    /** Sub-directory of the root holding step records. */
    static final String RECORDS = "_pipeline";

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * Which steps may run.
     *
     * @param from  first stage to run (null: the first)
     * @param to    last stage to run (null: the last)
     * @param force stages to redo even if up to date
     */
    public record Options(Stage from, Stage to, Set<Stage> force) {
        public Options {
            force = Set.copyOf(force);
        }

        /**
         * Options from stage labels (the command line's).
         *
         * @throws IllegalArgumentException naming an unknown stage
         */
        public static Options parse(String from, String to, Set<String> force) {
            return new Options(from == null ? null : Stage.of(from), to == null ? null : Stage.of(to),
                    force.stream().map(Stage::of).collect(Collectors.toSet()));
        }
    }

    private final SparkSession spark;
    private final String root;
    private final String codeVersion;
    private final FileSystem fs;
    private final Map<Step, String> fingerprints = new HashMap<>();

    public Pipeline(SparkSession spark, String root, String codeVersion) {
        this.spark = spark;
        this.root = root;
        this.codeVersion = codeVersion;
        try {
            this.fs = new Path(root).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new InputException("cannot open the pipeline root " + root + ": " + e.getMessage(), e);
        }
    }

    /** The fingerprint of a step: a SHA-256 over everything that decides its output. */
    public String fingerprint(Step s) {
        String known = fingerprints.get(s);
        if (known != null) {
            return known;
        }
        StringBuilder sb = new StringBuilder().append(s.id()).append('\n').append(s.output()).append('\n')
                .append(codeVersion).append('\n');
        s.parameters().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        for (Step d : s.dependencies()) {
            sb.append("<- ").append(d.id()).append(' ').append(fingerprint(d)).append('\n');
        }
        String f = sha256(sb.toString());
        fingerprints.put(s, f);
        return f;
    }

    /**
     * Runs the steps (in the given order, which must respect dependencies) and writes the manifest, holding the
     * root's {@link RootLock} throughout.
     *
     * @throws RootLock.LockedException if another run holds the root
     */
    public List<StepRecord> run(List<Step> steps, Options opts, Map<String, String> settings) {
        try (RootLock lock = RootLock.acquire(fs, new Path(root))) {
            return runLocked(steps, opts, settings);
        }
    }

    private List<StepRecord> runLocked(List<Step> steps, Options opts, Map<String, String> settings) {
        long t0 = System.nanoTime();
        int first = opts.from() == null ? 0 : opts.from().ordinal();
        int last = opts.to() == null ? Stage.values().length - 1 : opts.to().ordinal();
        List<StepRecord> records = new ArrayList<>();
        for (Step s : steps) {
            int stage = s.stage().ordinal();
            String expected = fingerprint(s);
            StepRecord previous = readRecord(s);
            boolean committed = OutputDir.isCommitted(spark, s.output());
            boolean upToDate = committed && previous != null && expected.equals(previous.fingerprint());
            if (stage < first || stage > last) {
                if (!committed && steps.stream().anyMatch(d -> d.dependencies().contains(s)
                        && d.stage().ordinal() >= first && d.stage().ordinal() <= last)) {
                    throw new InputException("step " + s.id() + " has no output at " + s.output()
                            + ": run the pipeline from stage " + s.stage() + " first");
                }
                records.add(new StepRecord(s.id(), expected, s.output(), StepRecord.Status.NOT_RUN, 0, 0));
                continue;
            }
            if (upToDate && !opts.force().contains(s.stage())) {
                LOG.info("{}: up to date, skipped", s.id());
                records.add(new StepRecord(s.id(), expected, s.output(), StepRecord.Status.SKIPPED, 0, 0));
                continue;
            }
            LOG.info("{}: running ({})", s.id(), committed ? "redo" : "new");
            long t = System.nanoTime();
            long events = s.action().run(spark, exists(s.output()));
            StepRecord r = new StepRecord(s.id(), expected, s.output(), StepRecord.Status.RAN, events, (System.nanoTime() - t) / 1e9);
            writeAtomically(recordPath(s), GSON.toJson(r));
            LOG.info("{}: {} events in {} s", s.id(), events, String.format(Locale.ROOT, "%.1f", r.seconds()));
            records.add(r);
        }
        writeManifest(records, settings, (System.nanoTime() - t0) / 1e9);
        return records;
    }

    /** The per-step timing table printed at the end of a run. */
    public static List<String> table(List<StepRecord> records) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-24s %-9s %10s %10s %12s", "step", "status", "events", "seconds",
                "events/s"));
        double total = 0;
        for (StepRecord r : records) {
            total += r.seconds();
            out.add(String.format(Locale.ROOT, "%-24s %-9s %10d %10.1f %12.1f", r.id(), r.status(), r.events(),
                    r.seconds(), r.eventsPerSecond()));
        }
        out.add(String.format(Locale.ROOT, "%-24s %-9s %10s %10.1f", "total", "", "", total));
        return out;
    }

    private Path recordPath(Step s) {
        return new Path(new Path(root, RECORDS), s.id().replace('@', '_') + ".json");
    }

    private StepRecord readRecord(Step s) {
        Path p = recordPath(s);
        try {
            if (!fs.exists(p)) {
                return null;
            }
            try (var in = fs.open(p)) {
                return GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), StepRecord.class);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable step record {} ({}): the step will run again", p, e.getMessage());
            return null;
        }
    }

    private boolean exists(String path) {
        try {
            return fs.exists(new Path(path));
        } catch (IOException e) {
            return false;
        }
    }

    private void writeManifest(List<StepRecord> records, Map<String, String> settings, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("finished", Instant.now().toString());
        m.put("root", root);
        m.put("code_version", codeVersion);
        m.put("config_hash", sha256(settings.toString()));
        m.put("config", settings);
        m.put("seconds", seconds);
        m.put("steps", records);
        writeAtomically(new Path(root, "manifest.json"), GSON.toJson(m));
    }

    /** Writes a small file through a temporary sibling and a rename, so readers never see half a file. */
    private void writeAtomically(Path target, String text) {
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try {
            fs.mkdirs(target.getParent());
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("rename failed");
            }
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
