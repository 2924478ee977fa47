package org.mlpf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.validate.ValidateConfig;

class SettingsTest {
    @TempDir
    Path tmp;

    private Path conf(String text) throws IOException {
        Path p = tmp.resolve("test.conf");
        Files.writeString(p, text);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"conf/local.conf", "conf/cluster.conf", "conf/gpu.conf"})
    void shippedConfigFilesLoadAndSetEveryMlpfKey(String file) {
        Settings s = Settings.load(ProjectFiles.file(file));
        for (ConfigKey<?> k : ConfigRegistry.all()) {
            String source = s.source(k.name()).orElseThrow();
            assertTrue(source.contains(file), file + " does not set " + k.name() + " (value from " + source + ")");
            s.get(k);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"conf/cluster.conf", "conf/gpu.conf"})
    void clusterConfigsCarryTheJava17OpensOfThePom(String file) {
        Settings s = Settings.load(ProjectFiles.file(file));
        String opens = BuildInfo.java17Opens();
        assertTrue(opens.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), opens);
        assertTrue(s.raw("spark.driver.extraJavaOptions").orElseThrow().contains(opens));
        assertTrue(s.raw("spark.executor.extraJavaOptions").orElseThrow().contains(opens));
    }

    @Test
    void fileOverridesDefaultAndSetOverridesFile() throws IOException {
        Settings s = Settings.load(conf("mlpf.validate.max-offenders = 7\nspark.sql.shuffle.partitions 3\n"));
        assertEquals(7, s.get(ValidateConfig.MAX_OFFENDERS));
        assertEquals("3", s.raw("spark.sql.shuffle.partitions").orElseThrow());
        assertEquals(6.0, s.get(ValidateConfig.MAX_ABS_ETA), "untouched key keeps its default");
        Settings t = s.withAssignment("mlpf.validate.max-offenders=9", "command line --set");
        assertEquals(9, t.get(ValidateConfig.MAX_OFFENDERS));
        assertEquals("command line --set", t.source("mlpf.validate.max-offenders").orElseThrow());
        assertEquals(7, s.get(ValidateConfig.MAX_OFFENDERS), "settings are immutable");
    }

    @Test
    void outOfRangeValueNamesKeyValueFileLineAndRange() throws IOException {
        Path p = conf("# comment\n\nmlpf.validate.max-offenders = 0\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(p));
        assertEquals("bad value '0' for mlpf.validate.max-offenders (" + p + ":3): allowed integer in [1, 1000]",
                e.getMessage());
    }

    @Test
    void malformedNumberIsABadValue() throws IOException {
        Path p = conf("mlpf.validate.max-abs-eta = six\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(p));
        assertTrue(e.getMessage().contains("'six'") && e.getMessage().contains("number in [0.5, 20.0]"),
                e.getMessage());
    }

    @Test
    void unknownKeyIsRejected() throws IOException {
        Path p = conf("mlpf.validate.max-offender = 3\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(p));
        assertTrue(e.getMessage().startsWith("unknown key mlpf.validate.max-offender (" + p + ":1)"), e.getMessage());
        ConfigException other = assertThrows(ConfigException.class,
                () -> Settings.defaults().withAssignment("foo.bar=1", "command line --set"));
        assertTrue(other.getMessage().contains("unknown key foo.bar"), other.getMessage());
    }

    @Test
    void badSparkMasterIsRejectedButOtherSparkKeysPass() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.defaults().with("spark.master", "locale[2]", "test"));
        assertTrue(e.getMessage().contains("bad value 'locale[2]' for spark.master"), e.getMessage());
        assertEquals("4g", Settings.defaults().with("spark.executor.memory", "4g", "test")
                .sparkEntries().get("spark.executor.memory"));
    }

    @Test
    void duplicateKeyAndMissingValueAreErrors() throws IOException {
        Path dup = conf("spark.master = local[2]\nspark.master = local[3]\n");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.load(dup)).getMessage()
                .contains("set twice"));
        Path noValue = conf("mlpf.validate.max-offenders\n");
        assertTrue(assertThrows(ConfigException.class, () -> Settings.load(noValue)).getMessage()
                .contains("has no value"));
        assertTrue(assertThrows(ConfigException.class, () -> Settings.load(tmp.resolve("absent.conf"))).getMessage()
                .contains("does not exist"));
    }

    @Test
    void recordConstructorsValidateLikeFiles() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ValidateConfig(5000, 6.0));
        assertTrue(e.getMessage().contains("mlpf.validate.max-offenders"), e.getMessage());
    }

    @Test
    void withValueSetsACheckedValueFromCode() {
        Settings s = Settings.defaults().withValue("mlpf.validate.max-offenders", "7");
        assertEquals(7, s.get(ValidateConfig.MAX_OFFENDERS));
        assertEquals(Optional.of(Settings.IN_CODE), s.source("mlpf.validate.max-offenders"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Settings.defaults().withValue("mlpf.validate.max-offenders", "0"));
        assertTrue(e.getMessage().contains(Settings.IN_CODE), e.getMessage());
    }

    @Test
    void binEdgesNeedTwoEdgesAndThresholdsOne() throws IOException {
        Path one = conf("mlpf.compare.jet-pt-bins = 20\n");
        ConfigException e = assertThrows(ConfigException.class, () -> Settings.load(one));
        assertEquals("bad value '20' for mlpf.compare.jet-pt-bins (" + one + ":1): allowed at least two "
                + "comma-separated strictly increasing numbers in [0.0, 100000.0] (bin edges)", e.getMessage());
        Settings s = Settings.load(conf("mlpf.compare.met-tails = 50\nmlpf.compare.met-bins = 0,10\n"));
        assertEquals(List.of(50.0), s.get(org.mlpf.compare.CompareConfig.MET_TAILS), "one threshold is a tail");
        assertEquals(List.of(0.0, 10.0), s.get(org.mlpf.compare.CompareConfig.MET_BINS));
        assertThrows(ConfigException.class, () -> Settings.load(conf("mlpf.compare.met-bins = 10,10\n")));
    }
}
