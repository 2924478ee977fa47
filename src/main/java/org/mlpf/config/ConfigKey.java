package org.mlpf.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One documented configuration key: its name, type, allowed range, default and meaning. Parsing and
 * checking a value fail with a {@link ConfigException} naming the key, the value and the allowed range, so a
 * bad value is reported the same way whether it came from a file, the command line or Java code.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {
    private final String name;
    private final String type;
    private final String allowed;
    private final String defaultValue;
    private final String doc;
    private final Function<String, T> parser;
    private final Predicate<T> valid;

    private ConfigKey(String name, String type, String allowed, String defaultValue, String doc,
                      Function<String, T> parser, Predicate<T> valid) {
        this.name = Objects.requireNonNull(name);
        this.type = type;
        this.allowed = allowed;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.parser = parser;
        this.valid = valid;
        if (defaultValue != null) {
            parse(defaultValue, "its default");
        }
    }

    /** An integer in [min, max]. */
    public static ConfigKey<Integer> ofInt(String name, int min, int max, int def, String doc) {
        return new ConfigKey<>(name, "integer", "integer in [" + min + ", " + max + "]", Integer.toString(def), doc,
                Integer::valueOf, v -> v >= min && v <= max);
    }

    /** A long integer in [min, max]. */
    public static ConfigKey<Long> ofLong(String name, long min, long max, long def, String doc) {
        return new ConfigKey<>(name, "long", "integer in [" + min + ", " + max + "]", Long.toString(def), doc,
                Long::valueOf, v -> v >= min && v <= max);
    }

    /** A finite number in [min, max]. */
    public static ConfigKey<Double> ofDouble(String name, double min, double max, double def, String doc) {
        return new ConfigKey<>(name, "number", "number in [" + min + ", " + max + "]", Double.toString(def), doc,
                Double::valueOf, v -> Double.isFinite(v) && v >= min && v <= max);
    }

    /** {@code true} or {@code false}. */
    public static ConfigKey<Boolean> ofBoolean(String name, boolean def, String doc) {
        return new ConfigKey<>(name, "boolean", "true or false", Boolean.toString(def), doc, ConfigKey::parseBoolean,
                v -> true);
    }

    /** A non-empty string; {@code def} may be null for a key without a default. */
    public static ConfigKey<String> ofString(String name, String def, String doc) {
        return new ConfigKey<>(name, "string", "a non-empty string", def, doc, s -> s, s -> !s.isBlank());
    }

    /** One of a fixed set of words. */
    public static ConfigKey<String> ofChoice(String name, List<String> choices, String def, String doc) {
        List<String> copy = List.copyOf(choices);
        return new ConfigKey<>(name, "choice", "one of " + String.join(", ", copy), def, doc, s -> s, copy::contains);
    }

    /** A string matching a regular expression, described by {@code allowed} for the error message. */
    public static ConfigKey<String> ofPattern(String name, String regex, String allowed, String def, String doc) {
        return new ConfigKey<>(name, "string", allowed, def, doc, s -> s, s -> s.matches(regex));
    }

    /** A comma-separated, strictly increasing list of integers in [min, max]. */
    public static ConfigKey<List<Integer>> ofIncreasingInts(String name, int min, int max, String def, String doc) {
        return new ConfigKey<>(name, "integer list",
                "comma-separated strictly increasing integers in [" + min + ", " + max + "]", def, doc,
                ConfigKey::parseInts, l -> !l.isEmpty() && increasing(l) && l.get(0) >= min && l.get(l.size() - 1) <= max);
    }

    /** A comma-separated, strictly increasing list of at least one finite number in [min, max] (thresholds). */
    public static ConfigKey<List<Double>> ofIncreasingDoubles(String name, double min, double max, String def,
                                                              String doc) {
        return increasingDoubles(name, 1, "comma-separated strictly increasing numbers in [" + min + ", " + max + "]",
                min, max, def, doc);
    }

    /** Bin edges: a comma-separated, strictly increasing list of at least two finite numbers in [min, max]. */
    public static ConfigKey<List<Double>> ofBinEdges(String name, double min, double max, String def, String doc) {
        return increasingDoubles(name, 2, "at least two comma-separated strictly increasing numbers in [" + min + ", "
                + max + "] (bin edges)", min, max, def, doc);
    }

    private static ConfigKey<List<Double>> increasingDoubles(String name, int fewest, String allowed, double min,
                                                             double max, String def, String doc) {
        return new ConfigKey<>(name, "number list", allowed, def, doc, ConfigKey::parseDoubles,
                l -> l.size() >= fewest && l.stream().allMatch(Double::isFinite) && increasingDoubles(l)
                        && l.get(0) >= min && l.get(l.size() - 1) <= max);
    }

    /** {@code count} comma-separated non-negative numbers that sum to 1 (e.g. train, validation, test fractions). */
    public static ConfigKey<List<Double>> ofFractions(String name, int count, String def, String doc) {
        return new ConfigKey<>(name, "fractions", count + " comma-separated non-negative numbers summing to 1", def, doc,
                ConfigKey::parseDoubles, l -> l.size() == count && l.stream().allMatch(v -> Double.isFinite(v) && v >= 0)
                        && Math.abs(l.stream().mapToDouble(Double::doubleValue).sum() - 1) < 1e-9);
    }

    /** Key name, e.g. {@code mlpf.validate.max-offenders}. */
    public String name() {
        return name;
    }

    /** Value type in words. */
    public String type() {
        return type;
    }

    /** The allowed values in words. */
    public String allowed() {
        return allowed;
    }

    /** The default as written in a config file, or null if the key has none. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the key means. */
    public String doc() {
        return doc;
    }

    /**
     * Parses and checks a raw value.
     *
     * @param source where the value came from, for the message (e.g. {@code conf/local.conf:12})
     */
    public T parse(String raw, String source) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw invalid(raw, source);
        }
        if (!valid.test(value)) {
            throw invalid(raw, source);
        }
        return value;
    }

    /** Checks a typed value (e.g. from a record constructor) and returns it. */
    public T check(T value) {
        if (value == null || !valid.test(value)) {
            throw invalid(String.valueOf(value), null);
        }
        return value;
    }

    private ConfigException invalid(String raw, String source) {
        return new ConfigException("bad value '" + raw + "' for " + name + (source == null ? "" : " (" + source + ")")
                + ": allowed " + allowed);
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        };
    }

    private static List<Integer> parseInts(String s) {
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            out.add(Integer.valueOf(part.trim()));
        }
        return Collections.unmodifiableList(out);
    }

    private static List<Double> parseDoubles(String s) {
        List<Double> out = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            out.add(Double.valueOf(part.trim()));
        }
        return Collections.unmodifiableList(out);
    }

    private static boolean increasingDoubles(List<Double> l) {
        for (int i = 1; i < l.size(); i++) {
            if (!(l.get(i) > l.get(i - 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean increasing(List<Integer> l) {
        for (int i = 1; i < l.size(); i++) {
            if (l.get(i) <= l.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
