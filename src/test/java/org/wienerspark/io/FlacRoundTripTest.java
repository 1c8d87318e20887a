package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** FlacWriter then FlacReader, in memory: exact for 8/16/24 bits, 1-8 channels, any length. */
class FlacRoundTripTest {

    /** Writes {@code x} (shape (frames, channels)) as FLAC in memory, appended in uneven pieces. */
    static byte[] write(WavFormat format, int channels, int rate, double[] x) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = x.length / channels;
        try (FlacWriter w = new FlacWriter(out, "mem.flac", channels, rate, format, frames)) {
            int done = 0;
            Random r = new Random(frames);
            while (done < frames) {
                int n = Math.min(frames - done, 1 + r.nextInt(5000));
                w.append(x, done * channels, n);
                done += n;
            }
        }
        return out.toByteArray();
    }

    /**
     * Music-like test signal: a few tones with a slow envelope, correlated channels, noise, a
     * silent stretch (constant subframes, escaped partitions) and some full-scale clipping.
     */
    static double[] signal(int frames, int channels, long seed) {
        Random r = new Random(seed);
        double[] x = new double[frames * channels];
        for (int i = 0; i < frames; i++) {
            double common = 0.4 * Math.sin(i * 0.013) * Math.cos(i * 0.0007) + 0.2 * Math.sin(i * 0.051);
            for (int c = 0; c < channels; c++) {
                double v = (c == 1 ? 0.9 : 0.5 + 0.1 * c) * common + 0.1 * Math.sin(i * 0.003 * (c + 1))
                        + 0.01 * r.nextGaussian();
                if (i > frames / 2 && i < frames / 2 + 5000) {
                    v = 0;
                }
                x[i * channels + c] = v;
            }
        }
        return x;
    }

    @ParameterizedTest
    @CsvSource({"PCM_16,1,44100,30000", "PCM_16,2,44100,30011", "PCM_24,2,48000,20000", "PCM_24,1,96000,9999",
        "PCM_16,6,48000,12289", "PCM_24,6,44100,5000", "PCM_16,8,22050,4096", "PCM_U8,2,8000,7000",
        "PCM_16,2,44100,1", "PCM_16,2,44100,15", "PCM_24,2,12345,100", "PCM_16,1,44100,4097",
        "PCM_16,2,44100,0", "PCM_24,3,88200,3000"})
    void decodesToTheQuantizedSignalExactly(WavFormat format, int channels, int rate, int frames) throws Exception {
        double[] x = signal(frames, channels, frames * 7L + channels);
        byte[] flac = write(format, channels, rate, x);
        double scale = Math.scalb(1.0, format.bitsPerSample() - 1);
        try (FlacReader r = FlacReader.open(RandomAccessInput.of("mem.flac", flac))) {
            assertEquals(new AudioInfo(AudioContainer.FLAC, format, format.bitsPerSample(), channels, rate, frames),
                    r.info());
            double[] y = r.read(0, frames);
            for (int i = 0; i < x.length; i++) {
                double q = Math.max(-scale, Math.min(scale - 1, Math.rint(x[i] * scale))) / scale;
                if (y[i] != q) {
                    throw new AssertionError("sample " + i + ": " + y[i] + " != " + q);
                }
            }
            if (frames > 0) {
                assertTrue(r.verifyMd5());
            }
            FlacStreamInfo si = r.streamInfo();
            assertEquals(frames, si.totalSamples());
            assertTrue(si.minFrameSize() <= si.maxFrameSize());
            // random ranges
            Random rnd = new Random(frames);
            for (int k = 0; k < 20 && frames > 0; k++) {
                int a = rnd.nextInt(frames);
                int b = Math.min(frames, a + rnd.nextInt(9000));
                double[] part = r.read(a, b);
                for (int i = 0; i < part.length; i++) {
                    assertEquals(y[a * channels + i], part[i]);
                }
            }
        }
    }

    @Test
    void variableBlockSizeStreamsDecodeExactlyByAnyRange() throws Exception {
        int frames = 40_000;
        int channels = 2;
        double[] x = signal(frames, channels, 11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlacWriter w = new FlacWriter(out, "v.flac", channels, 44100, WavFormat.PCM_16, frames, null,
                new int[] {4096, 1152, 17, 576, 4608, 256, 3000}, FlacWriter.SPOOL_IN_MEMORY)) {
            w.append(x, 0, frames);
        }
        byte[] flac = out.toByteArray();
        double[] whole;
        try (FlacReader r = FlacReader.open(RandomAccessInput.of("v.flac", flac))) {
            assertEquals(17, r.streamInfo().minBlockSize());
            assertEquals(4608, r.streamInfo().maxBlockSize());
            whole = r.read(0, frames);
            assertTrue(r.verifyMd5());
            Random rnd = new Random(3);
            for (int k = 0; k < 40; k++) {
                int a = rnd.nextInt(frames);
                int b = Math.min(frames, a + rnd.nextInt(6000));
                double[] part = r.read(a, b);
                for (int i = 0; i < part.length; i++) {
                    assertEquals(whole[a * channels + i], part[i]);
                }
            }
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.rint(x[i] * 32768) / 32768, whole[i], 0.0);
        }
    }

    @Test
    void framesSpilledToATemporaryFileGiveTheSameFileAndLeaveNothingBehind(@TempDir java.nio.file.Path spool)
            throws Exception {
        int frames = 30_000;
        double[] x = signal(frames, 2, 8);
        byte[] inMemory = write(WavFormat.PCM_16, 2, 44100, x);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlacWriter w = new FlacWriter(out, "s.flac", 2, 44100, WavFormat.PCM_16, frames, spool, null, 5000)) {
            w.append(x, 0, frames);
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(spool)) {
                assertEquals(1, files.count(), "a spool file while writing");
            }
        }
        assertArrayEquals(inMemory, out.toByteArray());
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(spool)) {
            assertEquals(0, files.count(), "no spool file after close");
        }
        FlacWriter failed = new FlacWriter(new ByteArrayOutputStream(), "f.flac", 2, 44100, WavFormat.PCM_16, frames,
                spool, null, 5000);
        failed.append(x, 0, frames - 1);
        assertThrows(IOException.class, failed::close);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(spool)) {
            assertEquals(0, files.count(), "no spool file after a failed close");
        }
    }

    @Test
    void compressesAMusicLikeSignalWellBelowPcm() throws IOException {
        int frames = 44100 * 3;
        byte[] flac = write(WavFormat.PCM_16, 2, 44100, signal(frames, 2, 1));
        // Gaussian noise of 0.01 full scale alone has log2(328 * sqrt(2 pi e)) = 10.4 bits of
        // entropy a sample, 65% of 16: a coder that predicts the tones well gets close to it.
        assertTrue(flac.length < frames * 4 * 0.70, flac.length + " bytes");
    }

    @Test
    void countsClippedSamplesAsTheWavWriter() throws IOException {
        double[] x = {0.5, 1.0, -1.0, -1.5, Double.NaN, 0.99999, 2.0, -0.25};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlacWriter w = new FlacWriter(out, "c.flac", 2, 44100, WavFormat.PCM_16, 4);
        w.append(x, 0, 4);
        w.close();
        ByteArrayOutputStream wout = new ByteArrayOutputStream();
        WavWriter ww = new WavWriter(wout, "c.wav", 2, 44100, WavFormat.PCM_16, 4);
        ww.append(x, 0, 4);
        ww.close();
        assertEquals(ww.clippedSamples(), w.clippedSamples());
        assertEquals(5, w.clippedSamples()); // 1.0, -1.5, NaN, 0.99999 (rounds to 2^15), 2.0
        try (FlacReader r = FlacReader.open(RandomAccessInput.of("c.flac", out.toByteArray()));
             WavReader wr = WavReader.open(RandomAccessInput.of("c.wav", wout.toByteArray()))) {
            assertArrayEquals(wr.read(0, 4), r.read(0, 4));
        }
    }

    @Test
    void refusesFormatsFlacCannotStoreAndFailsAtCloseWhenFramesAreMissing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IllegalArgumentException.class, () -> new FlacWriter(out, "f.flac", 2, 44100, WavFormat.FLOAT_32, 1));
        assertThrows(IllegalArgumentException.class, () -> new FlacWriter(out, "f.flac", 9, 44100, WavFormat.PCM_16, 1));
        FlacWriter w = new FlacWriter(out, "f.flac", 1, 44100, WavFormat.PCM_16, 10);
        w.append(new double[5], 0, 5);
        assertThrows(IllegalStateException.class, () -> w.append(new double[6], 0, 6));
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains("f.flac"), e.getMessage());
        assertEquals(0, out.size());
    }
}
