package org.wienerspark.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap of this JVM, three ways: the largest heap in use right after a major (whole-heap)
 * collection, i.e. the largest live set observed, what the run needs; the largest after any
 * collection (minor ones leave the old generation's garbage in, so under a small -Xmx this
 * creeps up to it); and the largest seen by a 10 ms sampler (garbage included).
 */
final class HeapProbe {

    private final AtomicLong afterGc = new AtomicLong();
    private final AtomicLong afterFullGc = new AtomicLong(-1);
    private final AtomicLong sampled = new AtomicLong();

    private HeapProbe() {
    }

    static HeapProbe start() {
        HeapProbe p = new HeapProbe();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((n, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                        long used = 0;
                        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            // The map has the non-heap pools (metaspace, code cache) too.
                            if (heapPools.contains(e.getKey())) {
                                used += e.getValue().getUsed();
                            }
                        }
                        p.afterGc.accumulateAndGet(used, Math::max);
                        if (info.getGcAction().contains("major")) {
                            p.afterFullGc.accumulateAndGet(used, Math::max);
                        }
                    }
                }, null, null);
            }
        }
        Thread sampler = new Thread(() -> {
            while (true) {
                p.sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                        Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-probe");
        sampler.setDaemon(true);
        sampler.start();
        return p;
    }

    /**
     * MB in use after the fullest major (whole-heap) collection so far, i.e. the largest live
     * set seen; or -1 when no major collection ran.
     */
    double peakAfterFullGcMb() {
        long v = afterFullGc.get();
        return v < 0 ? -1 : v / 1048576.0;
    }

    /** MB in use after the fullest collection so far (minor ones leave old garbage in). */
    double peakAfterGcMb() {
        return afterGc.get() / 1048576.0;
    }

    /** MB in use at the fullest sample so far. */
    double peakSampledMb() {
        return sampled.get() / 1048576.0;
    }
}
