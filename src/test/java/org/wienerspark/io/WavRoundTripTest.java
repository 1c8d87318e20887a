package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** WavWriter then WavReader, in memory: every format, 1-6 channels, ranges, clipping, RF64. */
class WavRoundTripTest {

    private static final long SEED = 20240603L;

    /** Writes {@code x} (shape (frames, channels)) as a WAV file in memory. */
    static byte[] write(WavFormat format, int channels, int rate, double[] x) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(out, "mem.wav", channels, rate, format, x.length / channels)) {
            w.append(x, 0, x.length / channels);
        }
        return out.toByteArray();
    }

    static WavReader reader(byte[] file) throws IOException {
        return WavReader.open(RandomAccessInput.of("mem.wav", file));
    }

    /** Uniform in [-0.99, 0.99), so that no integer sample clips (8-bit clips above 127.5/128). */
    static double[] noise(int samples, long seed) {
        Random r = new Random(seed);
        double[] x = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = 1.98 * r.nextDouble() - 0.99;
        }
        return x;
    }

    /** What the file holds for x: rounded to the integer grid, or cast to float. */
    static double expected(WavFormat f, double x) {
        if (f == WavFormat.FLOAT_64) {
            return x;
        }
        if (f == WavFormat.FLOAT_32) {
            return (float) x;
        }
        double scale = Math.scalb(1.0, f.bitsPerSample() - 1);
        return Math.max(-scale, Math.min(scale - 1, Math.rint(x * scale))) / scale;
    }

    @ParameterizedTest
    @EnumSource(WavFormat.class)
    void everyFormatAndChannelCountRoundTripsToTheQuantizedSignal(WavFormat format) throws IOException {
        for (int channels = 1; channels <= 6; channels++) {
            int frames = 257;
            double[] x = noise(frames * channels, SEED + channels);
            byte[] file = write(format, channels, 44100, x);
            try (WavReader r = reader(file)) {
                WavHeader h = r.header();
                assertEquals(format, h.format());
                assertEquals(channels, h.channels());
                assertEquals(44100, h.sampleRate());
                assertEquals(frames, h.frames());
                assertEquals(file.length, h.dataOffset() + h.dataBytes() + (h.dataBytes() & 1));
                double[] y = r.read(0, frames);
                double[] want = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    want[i] = expected(format, x[i]);
                }
                assertArrayEquals(want, y, 0.0, format + ", " + channels + " channels");
                double step = format.isFloat() ? 1e-7 : Math.scalb(1.0, 1 - format.bitsPerSample());
                for (int i = 0; i < x.length; i++) {
                    assertTrue(Math.abs(x[i] - y[i]) <= step / 2 * (1 + 1e-12), "quantization error at " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WavFormat.class)
    void rangeReadsEqualSlicesOfTheWholeRead(WavFormat format) throws IOException {
        int channels = 3;
        int frames = 1000;
        byte[] file = write(format, channels, 8000, noise(frames * channels, SEED));
        try (WavReader r = reader(file)) {
            double[] whole = r.read(0, frames);
            int[][] ranges = {{0, 0}, {0, 1}, {999, 1000}, {1000, 1000}, {17, 514}, {0, 1000}, {500, 501}};
            for (int[] range : ranges) {
                double[] part = r.read(range[0], range[1]);
                assertArrayEquals(Arrays.copyOfRange(whole, range[0] * channels, range[1] * channels), part,
                        Arrays.toString(range));
            }
            double[] into = new double[10 + 5 * channels];
            Arrays.fill(into, 42);
            r.read(300, 305, into, 10);
            assertArrayEquals(Arrays.copyOfRange(whole, 300 * channels, 305 * channels),
                    Arrays.copyOfRange(into, 10, into.length));
            assertEquals(42, into[9]);
        }
    }

    @Test
    void readsSpanningManyBufferFillsEqualTheWholeRead() throws IOException {
        // 2.4 MB of stereo float32: a read crosses the reader's 1 MiB buffer several times.
        int frames = 300_001;
        double[] x = noise(2 * frames, SEED);
        byte[] file = write(WavFormat.FLOAT_32, 2, 44100, x);
        try (WavReader r = reader(file)) {
            double[] whole = r.read(0, frames);
            for (int i = 0; i < x.length; i++) {
                assertEquals((float) x[i], whole[i], 0.0);
            }
            assertArrayEquals(Arrays.copyOfRange(whole, 2 * 131_070, 2 * 262_150), r.read(131_070, 262_150));
        }
    }

    @Test
    void integerGridValuesRoundTripExactly() throws IOException {
        for (WavFormat f : WavFormat.values()) {
            double scale = f.isFloat() ? 1 << 23 : Math.scalb(1.0, f.bitsPerSample() - 1);
            double[] x = {-1, -0.5, 0, 1 / scale, 0.5, (scale - 1) / scale, -1 + 1 / scale};
            try (WavReader r = reader(write(f, 1, 8000, x))) {
                assertArrayEquals(x, r.read(0, x.length), 0.0, f.toString());
            }
        }
    }

    @Test
    void eightBitIsUnsignedWithOffset128() throws IOException {
        byte[] file = write(WavFormat.PCM_U8, 1, 8000, new double[] {-1, 0, 0.5, 127 / 128.0});
        int d = (int) WavReader.readHeader(RandomAccessInput.of("u8.wav", file)).dataOffset();
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 192, (byte) 255}, Arrays.copyOfRange(file, d, d + 4));
    }

    @ParameterizedTest
    @EnumSource(value = WavFormat.class, names = {"PCM_U8", "PCM_16", "PCM_24", "PCM_32"})
    void integerFormatsClipAndCountOutOfRangeValues(WavFormat format) throws IOException {
        double top = 1 - Math.scalb(1.0, 1 - format.bitsPerSample());
        // Clipped: 1.0 (one step above the largest code), 1.5, -1.5, +inf, NaN (written as 0).
        double[] x = {1.0, 1.5, -1.5, Double.POSITIVE_INFINITY, Double.NaN, -1.0, top, 0.25};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter w = new WavWriter(out, "clip.wav", 1, 8000, format, x.length);
        w.append(x, 0, x.length);
        assertEquals(5, w.clippedSamples());
        w.close();
        try (WavReader r = reader(out.toByteArray())) {
            assertArrayEquals(new double[] {top, top, -1, top, 0, -1, top, 0.25}, r.read(0, x.length), 0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = WavFormat.class, names = {"FLOAT_32", "FLOAT_64"})
    void floatFormatsStoreValuesBeyondFullScaleUnclipped(WavFormat format) throws IOException {
        double[] x = {1.5, -2, 1.0, Double.POSITIVE_INFINITY};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(out, "f.wav", 2, 8000, format, 2)) {
            w.append(x, 0, 2);
            assertEquals(0, w.clippedSamples());
        }
        try (WavReader r = reader(out.toByteArray())) {
            assertArrayEquals(x, r.read(0, 2), 0.0);
        }
    }

    @Test
    void appendsInPiecesFromOffsetsEqualOneAppend() throws IOException {
        double[] x = noise(3 * 100, SEED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(out, "p.wav", 3, 8000, WavFormat.PCM_24, 100)) {
            w.append(x, 0, 0);
            w.append(x, 0, 33);
            w.append(x, 99, 1);
            w.append(x, 102, 66);
            assertEquals(100, w.framesWritten());
        }
        assertArrayEquals(write(WavFormat.PCM_24, 3, 8000, x), out.toByteArray());
    }

    @Test
    void oddDataSizeIsFollowedByAPadByte() throws IOException {
        byte[] file = write(WavFormat.PCM_U8, 1, 8000, new double[] {0.1, 0.2, 0.3});
        WavHeader h = WavReader.readHeader(RandomAccessInput.of("odd.wav", file));
        assertEquals(3, h.dataBytes());
        assertEquals(h.dataOffset() + 4, file.length);
        assertEquals(file.length - 8, LittleEndian.u32(file, 4));
    }

    @Test
    void closingAfterFewerFramesThanDeclaredFails() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter w = new WavWriter(out, "short.wav", 2, 8000, WavFormat.PCM_16, 10);
        w.append(new double[8], 0, 4);
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().startsWith("short.wav: 4 frames were written but the header declares 10"),
                e.getMessage());
        w.close(); // a second close is a no-op
        IOException refused = assertThrows(BadInputException.class, () -> reader(out.toByteArray()));
        assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
    }

    @Test
    void appendingBeyondTheDeclaredTotalFailsWithoutWriting() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WavWriter w = new WavWriter(out, "long.wav", 1, 8000, WavFormat.FLOAT_32, 3);
        w.append(new double[2], 0, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.append(new double[2], 0, 2));
        assertTrue(e.getMessage().contains("would exceed the declared 3"), e.getMessage());
        w.append(new double[1], 0, 1);
        w.close();
        assertThrows(IllegalStateException.class, () -> w.append(new double[1], 0, 1));
        try (WavReader r = reader(out.toByteArray())) {
            assertEquals(3, r.header().frames());
        }
    }

    @Test
    void writerRefusesBadArgumentsWithTheFileName() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> new WavWriter(out, "z.wav", 0, 8000, WavFormat.PCM_16, 1));
        assertThrows(IllegalArgumentException.class, () -> new WavWriter(out, "z.wav", 1, 0, WavFormat.PCM_16, 1));
        assertThrows(IllegalArgumentException.class, () -> new WavWriter(out, "z.wav", 1, 8000, WavFormat.PCM_16, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WavWriter(out, "z.wav", 9000, 8000, WavFormat.FLOAT_64, 1));
        assertTrue(e.getMessage().startsWith("z.wav: 9000 channels"), e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void extensibleFormatIsWrittenForMoreThanTwoChannelsOrMoreThan16Bits() throws IOException {
        // fmt starts at byte 12; its format tag at 20.
        assertEquals(1, LittleEndian.u16(write(WavFormat.PCM_16, 2, 8000, new double[2]), 20));
        assertEquals(3, LittleEndian.u16(write(WavFormat.FLOAT_32, 2, 8000, new double[2]), 20));
        assertEquals(0xFFFE, LittleEndian.u16(write(WavFormat.PCM_16, 3, 8000, new double[3]), 20));
        assertEquals(0xFFFE, LittleEndian.u16(write(WavFormat.PCM_24, 1, 8000, new double[1]), 20));
        byte[] f = write(WavFormat.FLOAT_64, 4, 8000, new double[4]);
        assertEquals(0xFFFE, LittleEndian.u16(f, 20));
        assertEquals(3, LittleEndian.u16(f, 44)); // the sub-format GUID starts with the float tag
    }

    @Test
    void rf64FilesRoundTrip() throws IOException {
        double[] x = noise(2 * 99, SEED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(out, "big.wav", 2, 48000, WavFormat.PCM_24, 99, true)) {
            w.append(x, 0, 99);
        }
        byte[] file = out.toByteArray();
        assertEquals("RF64", LittleEndian.fourcc(file, 0));
        assertEquals(0xFFFFFFFFL, LittleEndian.u32(file, 4));
        assertEquals(file.length - 8, LittleEndian.s64(file, 20)); // ds64 RIFF size
        try (WavReader r = reader(file)) {
            assertTrue(r.header().rf64());
            assertEquals(99, r.header().frames());
            double[] y = r.read(0, 99);
            for (int i = 0; i < x.length; i++) {
                assertEquals(expected(WavFormat.PCM_24, x[i]), y[i], 0.0);
            }
        }
    }

    @Test
    void headerDescribesWhatTheWriterDeclared() throws IOException {
        try (WavWriter w = new WavWriter(new ByteArrayOutputStream(), "h.wav", 6, 96000, WavFormat.PCM_24, 0)) {
            WavHeader h = w.header();
            assertEquals(18, h.blockAlign());
            assertEquals(24, h.bitsPerSample());
            assertEquals(0, h.frames());
            assertEquals(68, h.dataOffset());
        }
    }

    @Test
    void rangesOutsideTheFileAreRefused() throws IOException {
        try (WavReader r = reader(write(WavFormat.PCM_16, 1, 8000, new double[5]))) {
            assertThrows(IllegalArgumentException.class, () -> r.read(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> r.read(3, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.read(0, 6));
            assertEquals("mem.wav: frames [0, 6) outside [0, 5)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> r.read(0, 5, new double[4], 0));
        }
    }
}
