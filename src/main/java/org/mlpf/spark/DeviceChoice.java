package org.mlpf.spark;

import java.util.Map;
import java.util.function.IntSupplier;

import ai.djl.Device;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * Where a task runs the model (inference, training, evaluation): on the GPU Spark gave the task (its first address, with GPU scheduling:
 * {@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount} and a discovery script), else on
 * the CPU. {@link #choose} is the whole decision, a pure function; {@link #forTask} feeds it the task's resources.
 *
 * <p>The address is taken as the CUDA device index PyTorch sees: true with standalone's discovery script, which
 * lists physical GPUs; a resource manager that isolates GPUs with {@code CUDA_VISIBLE_DEVICES} must hand out
 * addresses in the same numbering.
 *
 * @param device the device to predict on
 * @param reason why, in words, for the log
 */
public record DeviceChoice(Device device, String reason) {
    /** Spark's resource name for GPUs. */
    public static final String GPU = "gpu";

    /**
     * The device for a task given the GPU addresses Spark assigned it (null or empty: none) and the number of GPUs
     * the engine can use (asked only when the task has a GPU: the engine logs a warning when it finds no CUDA).
     *
     * @throws IllegalStateException if the task was given a GPU that the engine cannot use (CPU-only natives, or an
     *                               address past the engine's GPUs): running on the CPU instead would hide a
     *                               misconfigured cluster behind a 30x slower job
     */
    public static DeviceChoice choose(String[] gpuAddresses, IntSupplier engineGpuCount) {
        if (gpuAddresses == null || gpuAddresses.length == 0) {
            return new DeviceChoice(Device.cpu(), "the task has no GPU");
        }
        String address = gpuAddresses[0].trim();
        int id;
        try {
            id = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the task's GPU address '" + address + "' is not a CUDA device index", e);
        }
        int engineGpus = engineGpuCount.getAsInt();
        if (id < 0 || id >= engineGpus) {
            throw new IllegalStateException("the task was given GPU " + id + " but the PyTorch engine sees "
                    + engineGpus + " GPU(s)" + (engineGpus == 0 ? " (CPU-only natives: build with mvn -Pcuda package)"
                    : ""));
        }
        return new DeviceChoice(Device.gpu(id), "the task was given GPU address " + address
                + (gpuAddresses.length > 1 ? " (first of " + gpuAddresses.length + ")" : ""));
    }

    /** As {@link #choose(String[], IntSupplier)}, for addresses as a list (a barrier task's). */
    public static DeviceChoice choose(java.util.List<String> gpuAddresses, IntSupplier engineGpuCount) {
        return choose(gpuAddresses == null ? null : gpuAddresses.toArray(new String[0]), engineGpuCount);
    }

    /** The device for the current task ({@code TaskContext.get()}), CPU outside a task. */
    public static DeviceChoice forTask(TaskContext task, IntSupplier engineGpus) {
        if (task == null) {
            return choose((String[]) null, engineGpus);
        }
        Map<String, ResourceInformation> resources = task.resourcesJMap();
        ResourceInformation gpu = resources.get(GPU);
        return choose(gpu == null ? null : gpu.addresses(), engineGpus);
    }
}
