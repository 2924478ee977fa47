package org.mlpf.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.Device;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.mlpf.testing.TestSpark;

class DeviceChoiceTest {
    @Test
    void aTaskWithAGpuAddressPicksThatGpu() {
        assertEquals(Device.gpu(1), DeviceChoice.choose(new String[] {"1"}, () -> 2).device());
        assertEquals(Device.gpu(0), DeviceChoice.choose(new String[] {"0", "1"}, () -> 2).device(), "the first");
        assertTrue(DeviceChoice.choose(new String[] {"1"}, () -> 2).reason().contains("GPU address 1"));
    }

    @Test
    void aTaskWithoutAGpuRunsOnTheCpuWithoutAskingTheEngine() {
        assertEquals(Device.cpu(), DeviceChoice.choose((String[]) null, () -> {
            throw new AssertionError("the engine is asked for GPUs only when the task has one");
        }).device());
        assertEquals(Device.cpu(), DeviceChoice.choose(new String[0], () -> 0).device());
        assertEquals(Device.cpu(), DeviceChoice.forTask(null, () -> 0).device());
    }

    @Test
    void aGpuTheEngineCannotUseIsAnErrorNotASilentCpuRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DeviceChoice.choose(new String[] {"0"}, () -> 0));
        assertTrue(e.getMessage().contains("mvn -Pcuda package"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> DeviceChoice.choose(new String[] {"3"}, () -> 2));
        assertThrows(IllegalStateException.class, () -> DeviceChoice.choose(new String[] {"gpu-a"}, () -> 2));
    }

    @Test
    void sparkTasksWithoutGpuResourcesRunOnTheCpu() {
        List<String> devices = TestSpark.session().range(0, 4, 1, 2).javaRDD()
                .map(x -> DeviceChoice.forTask(TaskContext.get(), () -> 0).device().toString()).collect();
        assertEquals(List.of("cpu()", "cpu()", "cpu()", "cpu()"), devices);
    }
}
