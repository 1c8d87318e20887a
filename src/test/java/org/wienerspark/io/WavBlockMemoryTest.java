package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Reading a long track block by block costs memory for one block, not for the track: measured
 * as the bytes this thread allocates (com.sun.management.ThreadMXBean), over a 10-minute stereo
 * 44.1 kHz PCM16 file (106 MB) that is generated on the fly rather than stored.
 */
class WavBlockMemoryTest {

    private static final int RATE = 44100;
    private static final int BLOCK_FRAMES = 4096;

    /** A WAV file whose sample bytes are a function of their position, never held in memory. */
    private static RandomAccessInput virtualFile(long frames) {
        byte[] header = WavWriter.headerBytes(2, RATE, WavFormat.PCM_16, frames, false);
        long length = header.length + frames * 4;
        return new RandomAccessInput() {
            @Override
            public String name() {
                return "virtual.wav";
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
                if (position + len > length) {
                    throw new java.io.EOFException();
                }
                for (int i = 0; i < len; i++) {
                    long p = position + i;
                    buffer[offset + i] = p < header.length ? header[(int) p] : byteAt(p - header.length);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte byteAt(long dataPosition) {
        return (byte) (dataPosition * 31 + (dataPosition >>> 9));
    }

    /** Reads the whole track in blocks into one reused array; returns the bytes allocated. */
    private static long allocatedWhileReading(long frames) throws IOException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] block = new double[BLOCK_FRAMES * 2];
        long before = mx.getThreadAllocatedBytes(tid);
        double checksum = 0;
        try (WavReader r = WavReader.open(virtualFile(frames))) {
            for (long s = 0; s < frames; s += BLOCK_FRAMES) {
                long e = Math.min(frames, s + BLOCK_FRAMES);
                r.read(s, e, block, 0);
                checksum += block[0];
            }
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(Double.isFinite(checksum));
        return allocated;
    }

    @Test
    void readingATenMinuteTrackInBlocksAllocatesAsMuchAsAOneMinuteTrack() throws IOException {
        allocatedWhileReading(RATE * 10L); // warm up: class loading and JIT are not the reader's
        long oneMinute = allocatedWhileReading(RATE * 60L);
        long tenMinutes = allocatedWhileReading(RATE * 600L);
        // One 16 KiB read buffer and the header parse; a per-block allocation would cost 26 MB.
        assertTrue(tenMinutes < 256 * 1024, "10 minutes allocated " + tenMinutes + " bytes");
        assertTrue(tenMinutes < oneMinute + 64 * 1024, "1 minute: " + oneMinute + ", 10 minutes: " + tenMinutes);
    }

    @Test
    void blocksOfTheVirtualTrackDecodeItsBytes() throws IOException {
        try (WavReader r = WavReader.open(virtualFile(RATE * 600L))) {
            long s = RATE * 600L - 3;
            double[] x = r.read(s, s + 3);
            for (int i = 0; i < 6; i++) {
                long p = (s * 2 + i) * 2;
                int v = (short) ((byteAt(p) & 0xff) | byteAt(p + 1) << 8);
                assertEquals(v / 32768.0, x[i], 0.0);
            }
        }
    }
}
