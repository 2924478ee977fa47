package org.mlpf.generate.gen;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mlpf.testing.ProjectFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/generator.md lists every physics parameter with the value the code uses. */
class GeneratorDocsTest {
    @Test
    void parameterTableMatchesTheCode() throws IOException, IllegalAccessException {
        List<String> lines = Files.readAllLines(ProjectFiles.file("docs/generator.md"));
        int checked = 0;
        for (Field f : GeneratorParameters.class.getDeclaredFields()) {
            if (!Modifier.isPublic(f.getModifiers()) || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String row = null;
            for (String line : lines) {
                if (line.startsWith("| `" + f.getName() + "` |")) {
                    row = line;
                }
            }
            assertNotNull(row, f.getName() + " is missing from the parameter table of docs/generator.md");
            String value = row.split("\\|")[2].trim().split(" ")[0];
            double documented = Double.parseDouble(value);
            double actual = f.getDouble(null);
            assertEquals(actual, documented, 1e-4 * Math.abs(actual), f.getName() + " in docs/generator.md");
            checked++;
        }
        assertTrue(checked >= 30, "only " + checked + " parameters");
    }
}
