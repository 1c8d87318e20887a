package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Reading a long FLAC track block by block costs memory for one FLAC frame and the frame index,
 * not for the track: the bytes this thread allocates (com.sun.management.ThreadMXBean) reading
 * 10 s and 60 s of stereo PCM16 in 3000-frame blocks (never aligned with the 4096-sample FLAC
 * frames), with the seek table and with the seek table turned into padding (frame index only).
 */
class FlacBlockMemoryTest {

    private static final int RATE = 44100;
    private static final int BLOCK_FRAMES = 3000;

    private static byte[] track(int seconds) throws IOException {
        double[] x = new double[seconds * RATE * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 * Math.sin(i * 0.01) + 0.001 * ((i * 7919) % 13);
        }
        return FlacRoundTripTest.write(WavFormat.PCM_16, 2, RATE, x);
    }

    /** The same file with its SEEKTABLE block relabelled PADDING (type 1), so readers skip it. */
    private static byte[] withoutSeekTable(byte[] flac) {
        byte[] b = flac.clone();
        int pos = 4 + 4 + 34; // fLaC, STREAMINFO
        assertEquals(3, b[pos] & 0x7f);
        b[pos] = (byte) ((b[pos] & 0x80) | 1);
        return b;
    }

    private static long allocatedWhileReading(byte[] flac, boolean seekTable) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] block = new double[BLOCK_FRAMES * 2];
        long before = mx.getThreadAllocatedBytes(tid);
        double checksum = 0;
        try (FlacReader r = FlacReader.open(RandomAccessInput.of("t.flac", flac))) {
            assertEquals(seekTable, r.hasSeekTable());
            long frames = r.info().frames();
            for (long s = 0; s < frames; s += BLOCK_FRAMES) {
                r.read(s, Math.min(frames, s + BLOCK_FRAMES), block, 0);
                checksum += block[0];
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(Double.isFinite(checksum));
        return allocated;
    }

    @Test
    void readingASixTimesLongerTrackInBlocksAllocatesAboutAsMuch() throws IOException {
        byte[] shortTrack = track(10);
        byte[] longTrack = track(60);
        allocatedWhileReading(track(5), true); // warm up: class loading and JIT are not the reader's
        for (boolean seekTable : new boolean[] {true, false}) {
            long shorter = allocatedWhileReading(seekTable ? shortTrack : withoutSeekTable(shortTrack), seekTable);
            long longer = allocatedWhileReading(seekTable ? longTrack : withoutSeekTable(longTrack), seekTable);
            // The window and one frame's buffers, plus 16 bytes a FLAC frame of index (646
            // frames in 60 s, arrays doubled as they grow); a copy of the track would be 42 MB.
            assertTrue(longer < shorter + 192 * 1024, (seekTable ? "seek table" : "frame index") + ": 60 s allocated "
                    + longer + " bytes, 10 s " + shorter);
            assertTrue(longer < 1024 * 1024, longer + " bytes");
        }
    }
}
