package org.mlpf.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated configuration: registry defaults, then a config file, then command-line overrides, each layer
 * replacing the one before. Keys are {@code mlpf.*} (known to {@link ConfigRegistry}, typed and range-checked)
 * or {@code spark.*} (handed to Spark as they are). Every value remembers where it came from.
 *
 * <p>The file format is Java/Spark properties, so {@code spark-submit --properties-file} reads the same
 * files: one {@code key = value} (or {@code key value}) per line, {@code #} or {@code !} starts a comment line.
 */
public final class Settings {
    /** Where a value came from: a file position, the command line, or the key's default. */
    public record Value(String raw, String source) {
    }

    /** Source of values set by {@link #withValue}. */
    public static final String IN_CODE = "set in code";

    private final Map<String, Value> values;

    private Settings(Map<String, Value> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** The registry defaults only. */
    public static Settings defaults() {
        Map<String, Value> m = new TreeMap<>();
        for (ConfigKey<?> k : ConfigRegistry.all()) {
            if (k.defaultValue() != null) {
                m.put(k.name(), new Value(k.defaultValue(), "default"));
            }
        }
        return new Settings(m);
    }

    /** Defaults overridden by the file {@code file}; every line is checked. */
    public static Settings load(Path file) {
        return defaults().withFile(file);
    }

    /** This configuration overridden by the file {@code file}. */
    public Settings withFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, Value> m = new TreeMap<>(values);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] kv = splitLine(line, where);
            Integer earlier = seen.put(kv[0], i + 1);
            if (earlier != null) {
                throw new ConfigException("key " + kv[0] + " is set twice in " + file + " (lines " + earlier + " and "
                        + (i + 1) + ")");
            }
            m.put(kv[0], checked(kv[0], kv[1], where));
        }
        return new Settings(m);
    }

    /** This configuration with {@code key} set to {@code raw} (checked), e.g. from {@code --set key=value}. */
    public Settings with(String key, String raw, String source) {
        Map<String, Value> m = new TreeMap<>(values);
        m.put(key, checked(key, raw, source));
        return new Settings(m);
    }

    /**
     * This configuration with {@code key} set to {@code raw} (checked), its source recorded as {@value #IN_CODE}: for
     * code and notebooks ({@code with} is a reserved word in Scala).
     */
    public Settings withValue(String key, String raw) {
        return with(key, raw, IN_CODE);
    }

    /** Parses {@code key=value} as given to {@code --set}. */
    public Settings withAssignment(String assignment, String source) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("expected KEY=VALUE, got '" + assignment + "' (" + source + ")");
        }
        return with(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), source);
    }

    /** The typed value of {@code key}; fails if the key has no value and no default. */
    public <T> T get(ConfigKey<T> key) {
        Value v = values.get(key.name());
        if (v == null) {
            throw new ConfigException("no value for " + key.name() + " (" + key.doc() + "): set it in the config file "
                    + "or with --set " + key.name() + "=VALUE; allowed " + key.allowed());
        }
        return key.parse(v.raw(), v.source());
    }

    /** The raw value of any key, if set. */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(values.get(key)).map(Value::raw);
    }

    /** Where the value of {@code key} came from, if set. */
    public Optional<String> source(String key) {
        return Optional.ofNullable(values.get(key)).map(Value::source);
    }

    /** All {@code spark.*} entries, for the SparkSession builder. */
    public Map<String, String> sparkEntries() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("spark.")) {
                m.put(k, v.raw());
            }
        });
        return m;
    }

    /** Every entry, sorted by key. */
    public Map<String, Value> entries() {
        return values;
    }

    private static Value checked(String key, String raw, String source) {
        Optional<ConfigKey<?>> known = ConfigRegistry.find(key);
        if (known.isPresent()) {
            known.get().parse(raw, source);
        } else if (key.startsWith("spark.")) {
            if (raw.isBlank()) {
                throw new ConfigException("bad value '' for " + key + " (" + source + "): allowed a non-empty string");
            }
        } else {
            throw new ConfigException("unknown key " + key + " (" + source + "): allowed keys are spark.* and the mlpf.* "
                    + "keys listed in docs/configuration.md");
        }
        return new Value(raw, source);
    }

    private static String[] splitLine(String line, String where) {
        int sep = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                sep = i;
                break;
            }
        }
        if (sep < 0) {
            throw new ConfigException(where + ": key " + line + " has no value");
        }
        if (sep == 0) {
            throw new ConfigException(where + ": expected 'key = value', got '" + line + "'");
        }
        String key = line.substring(0, sep);
        String rest = line.substring(sep).strip();
        if (!rest.isEmpty() && (rest.charAt(0) == '=' || rest.charAt(0) == ':')) {
            rest = rest.substring(1).strip();
        }
        if (rest.isEmpty()) {
            throw new ConfigException(where + ": key " + key + " has no value");
        }
        return new String[] {key, rest};
    }
}
