package org.mlpf.train;

import java.util.List;

import ai.djl.Device;

/**
 * Which device a training or evaluation task runs on: the GPU Spark assigned to the task
 * ({@code spark.task.resource.gpu.amount}, the address from {@code TaskContext.resources()}) when the engine can use
 * it, the CPU otherwise. A pure function of the task's GPU addresses and the engine's GPU count, so that it is
 * tested without a GPU (GPU resource settings make a local Spark wait forever).
 *
 * @param device the device to use
 * @param reason why, for the log
 */
public record DeviceChoice(Device device, String reason) {
    /**
     * @param gpuAddresses   addresses of the GPUs Spark gave the task (empty or {@code null} for none)
     * @param engineGpuCount GPUs the DJL engine sees on this machine (0 with CPU natives)
     */
    public static DeviceChoice choose(List<String> gpuAddresses, int engineGpuCount) {
        if (gpuAddresses == null || gpuAddresses.isEmpty()) {
            return new DeviceChoice(Device.cpu(), "no GPU assigned to the task");
        }
        String address = gpuAddresses.get(0).trim();
        int id;
        try {
            id = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            return new DeviceChoice(Device.cpu(), "task GPU address '" + address + "' is not a device number");
        }
        if (engineGpuCount <= 0) {
            return new DeviceChoice(Device.cpu(), "task was given GPU " + id + " but the PyTorch engine sees no GPU "
                    + "(CPU natives? build with mvn -Pcuda)");
        }
        if (id < 0 || id >= engineGpuCount) {
            return new DeviceChoice(Device.cpu(), "task was given GPU " + id + " but the engine sees only "
                    + engineGpuCount + " GPU(s)");
        }
        String note = gpuAddresses.size() > 1 ? " (of " + gpuAddresses.size() + " assigned; one per worker)" : "";
        return new DeviceChoice(Device.gpu(id), "task was given GPU " + id + note);
    }
}
