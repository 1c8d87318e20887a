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
 * Peak heap of this JVM, two ways: the largest heap in use right after a garbage collection
 * (what the run needed, up to garbage not yet collected in the old generation), and the
 * largest heap in use seen by a 10 ms sampler (which includes garbage awaiting collection and
 * so approaches -Xmx under allocation pressure).
 */
final class HeapProbe {

    private final AtomicLong afterGc = new AtomicLong();
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

    /** MB in use after the fullest collection so far. */
    double peakAfterGcMb() {
        return afterGc.get() / 1048576.0;
    }

    /** MB in use at the fullest sample so far. */
    double peakSampledMb() {
        return sampled.get() / 1048576.0;
    }
}
