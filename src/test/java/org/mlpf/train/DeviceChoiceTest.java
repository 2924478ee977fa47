package org.mlpf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceChoiceTest {
    @Test
    void aTaskWithoutGpuTrainsOnTheCpu() {
        assertEquals(Device.cpu(), DeviceChoice.choose(List.of(), 2).device());
        assertEquals(Device.cpu(), DeviceChoice.choose(null, 0).device());
        assertEquals("no GPU assigned to the task", DeviceChoice.choose(List.of(), 0).reason());
    }

    @Test
    void aTaskGivenAGpuUsesThatGpu() {
        DeviceChoice c = DeviceChoice.choose(List.of("1"), 2);
        assertEquals(Device.gpu(1), c.device());
        assertEquals("task was given GPU 1", c.reason());
        assertEquals(Device.gpu(0), DeviceChoice.choose(List.of("0", "1"), 2).device(), "one GPU per worker");
    }

    @Test
    void aGpuTheEngineCannotUseFallsBackToTheCpuSayingWhy() {
        DeviceChoice noCuda = DeviceChoice.choose(List.of("0"), 0);
        assertEquals(Device.cpu(), noCuda.device());
        assertTrue(noCuda.reason().contains("sees no GPU"), noCuda.reason());
        assertEquals(Device.cpu(), DeviceChoice.choose(List.of("3"), 2).device());
        assertEquals(Device.cpu(), DeviceChoice.choose(List.of("gpu-a"), 2).device());
    }
}
