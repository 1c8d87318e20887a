package org.wienerspark.spark;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerUnpersistRDD;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.RDDBlockId;

/**
 * What a run cost, from Spark's own task metrics and block updates, for {@code _report.json}:
 * task time, CPU and GC, bytes shuffled, bytes spilled by shuffles and sorts, and the peak size of
 * the blocks kept between EM iterations, on disk and in memory (what a cluster's local disks and
 * executor memory must hold).
 */
public final class ResourceListener extends SparkListener {

    private long tasks;
    private long runMillis;
    private long cpuNanos;
    private long gcMillis;
    private long shuffleWriteBytes;
    private long memorySpilled;
    private long diskSpilled;
    /** Current size of every cached RDD block, (disk, memory), by RDD, then by executor and block. */
    private final Map<Integer, Map<String, long[]>> cached = new HashMap<>();
    private long cachedDisk;
    private long cachedMemory;
    private long peakCachedDisk;
    private long peakCachedMemory;

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        TaskMetrics m = event.taskMetrics();
        tasks++;
        if (m == null) {
            return;
        }
        runMillis += m.executorRunTime();
        cpuNanos += m.executorCpuTime();
        gcMillis += m.jvmGCTime();
        shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
        memorySpilled += m.memoryBytesSpilled();
        diskSpilled += m.diskBytesSpilled();
    }

    @Override
    public synchronized void onBlockUpdated(SparkListenerBlockUpdated event) {
        BlockUpdatedInfo info = event.blockUpdatedInfo();
        if (!info.blockId().isRDD()) {
            return;
        }
        int rdd = ((RDDBlockId) info.blockId()).rddId();
        Map<String, long[]> blocks = cached.computeIfAbsent(rdd, k -> new HashMap<>());
        String key = info.blockManagerId().executorId() + "/" + info.blockId().name();
        long[] previous = blocks.getOrDefault(key, new long[2]);
        long disk = info.diskSize();
        long memory = info.memSize();
        cachedDisk += disk - previous[0];
        cachedMemory += memory - previous[1];
        if (disk == 0 && memory == 0) {
            blocks.remove(key);
        } else {
            blocks.put(key, new long[] {disk, memory});
        }
        peakCachedDisk = Math.max(peakCachedDisk, cachedDisk);
        peakCachedMemory = Math.max(peakCachedMemory, cachedMemory);
    }

    /** Unpersisting an RDD drops its blocks without an update per block. */
    @Override
    public synchronized void onUnpersistRDD(SparkListenerUnpersistRDD event) {
        Map<String, long[]> blocks = cached.remove(event.rddId());
        if (blocks != null) {
            for (long[] b : blocks.values()) {
                cachedDisk -= b[0];
                cachedMemory -= b[1];
            }
        }
    }

    /** The figures, for the report's summary. */
    public synchronized Map<String, Object> asJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", tasks);
        m.put("task_seconds", runMillis / 1e3);
        m.put("task_cpu_seconds", cpuNanos / 1e9);
        m.put("task_gc_seconds", gcMillis / 1e3);
        m.put("shuffle_write_bytes", shuffleWriteBytes);
        m.put("spilled_memory_bytes", memorySpilled);
        m.put("spilled_disk_bytes", diskSpilled);
        m.put("blocks_peak_disk_bytes", peakCachedDisk);
        m.put("blocks_peak_memory_bytes", peakCachedMemory);
        return m;
    }

    /** One line for the console. */
    public synchronized String summary() {
        return String.format("spark: %d tasks, %.1f s of task CPU (%.1f s GC), %s shuffled, %s spilled, "
                        + "blocks between iterations peaked at %s on disk", tasks, cpuNanos / 1e9, gcMillis / 1e3,
                bytes(shuffleWriteBytes), bytes(diskSpilled), bytes(peakCachedDisk));
    }

    private static String bytes(long b) {
        if (b < 1 << 20) {
            return String.format("%.1f KB", b / 1024.0);
        }
        return b < 1L << 30 ? String.format("%.1f MB", b / 1048576.0) : String.format("%.2f GB", b / 1073741824.0);
    }
}
