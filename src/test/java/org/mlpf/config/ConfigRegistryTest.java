package org.mlpf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mlpf.testing.ProjectFiles;

class ConfigRegistryTest {
    @Test
    void everyStageRegistersItsKeysInDataFlowOrder() {
        List<String> prefixes = new ArrayList<>();
        for (ConfigKey<?> k : ConfigRegistry.all()) {
            String[] parts = k.name().split("\\.");
            String group = parts[0].equals("spark") ? "spark" : parts[1];
            if (prefixes.isEmpty() || !prefixes.get(prefixes.size() - 1).equals(group)) {
                prefixes.add(group);
            }
        }
        assertEquals(List.of("spark", "validate", "generate", "sim", "pf", "tensorize", "train", "infer", "jets",
                "compare", "pipeline"), prefixes.stream().distinct().toList());
        assertTrue(ConfigRegistry.find("mlpf.train.pt-weight").isPresent());
        assertTrue(ConfigRegistry.find("mlpf.pipeline.samples").isPresent());
    }

    @Test
    void theConfigurationPackageImportsNoStage() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(ProjectFiles.file("src/main/java/org/mlpf/config"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import org.mlpf.") && !line.startsWith("import org.mlpf.config.")) {
                        offending.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), offending);
    }
}
