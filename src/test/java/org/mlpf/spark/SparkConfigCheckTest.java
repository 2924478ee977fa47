package org.mlpf.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlpf.config.ConfigException;
import org.mlpf.config.Settings;
import org.mlpf.testing.ProjectFiles;

class SparkConfigCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"conf/local.conf", "conf/cluster.conf", "conf/gpu.conf", "conf/reference.conf"})
    void everyShippedConfigurationPassesSparksOwnParsers(String file) {
        assertDoesNotThrow(() -> SparkConfigCheck.check(Settings.load(ProjectFiles.file(file))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "spark.sql.shuffle.partitions|abc|spark.sql.shuffle.partitions should be int, but was abc",
        "spark.executor.memory|lots|",
        "spark.sql.adaptive.enabled|maybe|spark.sql.adaptive.enabled should be boolean, but was maybe",
        "spark.task.cpus|two|"})
    void aValueSparkRefusesNamesTheKeyItsSourceAndSparksRule(String key, String value, String rule) {
        Settings s = Settings.defaults().with(key, value, "test.conf:3");
        ConfigException e = assertThrows(ConfigException.class, () -> SparkConfigCheck.check(s));
        String head = "bad value '" + value + "' for " + key + " (test.conf:3): ";
        assertEquals(head, e.getMessage().substring(0, Math.min(head.length(), e.getMessage().length())),
                e.getMessage());
        if (rule != null) {
            assertEquals(head + rule, e.getMessage());
        }
    }
}
