package org.mlpf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mlpf.config.Settings;
import org.mlpf.testing.ProjectFiles;
import org.mlpf.testing.StandaloneCluster;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The GPU configuration, checked without a GPU: conf/gpu.conf is coherent and its discovery script answers right. */
class GpuConfTest {
    @Test
    void gpuConfRequestsGpusRunsRapidsAndPointsAtAnExecutableDiscoveryScript() {
        Settings s = Settings.load(ProjectFiles.file("conf/gpu.conf"));
        double executor = Double.parseDouble(s.raw("spark.executor.resource.gpu.amount").orElseThrow());
        double task = Double.parseDouble(s.raw("spark.task.resource.gpu.amount").orElseThrow());
        int cores = Integer.parseInt(s.raw("spark.executor.cores").orElseThrow());
        assertTrue(executor >= 1, "executors ask for a GPU");
        assertTrue(task > 0 && task <= executor, "tasks get a share of their executor's GPUs");
        assertTrue(cores * task <= executor + 1e-9, "all task slots of an executor can hold a GPU share at once");
        assertEquals("com.nvidia.spark.SQLPlugin", s.raw("spark.plugins").orElseThrow());
        assertEquals("true", s.raw("spark.rapids.sql.enabled").orElseThrow());
        Path script = ProjectFiles.file(s.raw("spark.executor.resource.gpu.discoveryScript").orElseThrow());
        assertTrue(Files.isExecutable(script), script + " is executable");
        assertTrue(Settings.load(ProjectFiles.file("conf/local.conf")).raw("spark.executor.resource.gpu.amount")
                .isEmpty(), "local runs never ask for GPUs (GPU confs hang local[*])");
    }

    private static JsonObject discover(Map<String, String> env) throws Exception {
        StandaloneCluster.Result r = StandaloneCluster.run(List.of(ProjectFiles.file("jobs/getGpusResources.sh")
                .toString()), env, 30);
        assertEquals(0, r.exitCode(), r.output());
        return JsonParser.parseString(r.output()).getAsJsonObject();
    }

    @Test
    void discoveryScriptPrintsTheResourceJsonSparkExpects() throws Exception {
        JsonObject visible = discover(Map.of("CUDA_VISIBLE_DEVICES", "0,3"));
        assertEquals("gpu", visible.get("name").getAsString());
        assertEquals(List.of("0", "3"), visible.getAsJsonArray("addresses").asList().stream()
                .map(e -> e.getAsString()).toList());
        JsonObject none = discover(Map.of("CUDA_VISIBLE_DEVICES", "", "PATH", "/usr/bin:/bin"));
        assertEquals("gpu", none.get("name").getAsString());
        assertTrue(none.getAsJsonArray("addresses").isEmpty(), "no GPU on this machine: no address");
    }
}
