package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Samples quantized ahead of the writer ({@link PcmQuantizer}, as the separation job does in the
 * block's task) give the same file bytes and clipped counts as the doubles appended directly.
 */
class PcmQuantizerTest {

    /** Full scale and beyond, exact half steps, NaN and infinities. */
    static double[] signal(WavFormat format, int n) {
        Random r = new Random(7);
        double step = 1.0 / (1L << (format.bitsPerSample() - 1));
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 7) {
                case 0 -> (r.nextInt(200) - 100 + 0.5) * step; // ties: round half to even
                case 1 -> 1.2 * (2 * r.nextDouble() - 1);
                default -> 2 * r.nextDouble() - 1;
            };
        }
        x[3] = Double.NaN;
        x[10] = Double.POSITIVE_INFINITY;
        x[17] = Double.NEGATIVE_INFINITY;
        x[24] = 1.0;
        x[31] = -1.0;
        return x;
    }

    @ParameterizedTest
    @EnumSource(value = WavFormat.class, names = {"PCM_U8", "PCM_16"})
    void quantizedSamplesWriteTheBytesOfTheDoubles(WavFormat format) throws IOException {
        int channels = 2;
        int frames = 50_000; // more than one writer buffer
        double[] x = signal(format, frames * channels);
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        long clippedDirect;
        try (WavWriter w = new WavWriter(direct, "d.wav", channels, 44100, format, frames)) {
            w.append(x, 0, frames);
            clippedDirect = w.clippedSamples();
        }
        short[] q = new short[x.length + 6];
        long clipped = PcmQuantizer.quantize(x, 0, x.length, format, q, 6);
        ByteArrayOutputStream ahead = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(ahead, "q.wav", channels, 44100, format, frames)) {
            w.appendPcm(q, 6, 1000);
            w.appendPcm(q, 6 + 2000, frames - 1000);
            assertEquals(0, w.clippedSamples(), "counted by the quantizer");
        }
        assertEquals(clippedDirect, clipped);
        assertTrue(clipped > x.length / 100, "the signal clips");
        assertArrayEquals(direct.toByteArray(), ahead.toByteArray());
    }

    @Test
    void flacWriterGetsTheQuantizedSamplesBackExactly() throws IOException {
        int channels = 2;
        int frames = 9000;
        double[] x = signal(WavFormat.PCM_16, frames * channels);
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        try (AudioWriter w = Audio.writer(direct, "d.flac", AudioContainer.FLAC, channels, 44100, WavFormat.PCM_16,
                frames)) {
            w.append(x, 0, frames);
        }
        short[] q = new short[x.length];
        PcmQuantizer.quantize(x, 0, x.length, WavFormat.PCM_16, q, 0);
        ByteArrayOutputStream ahead = new ByteArrayOutputStream();
        try (AudioWriter w = Audio.writer(ahead, "q.flac", AudioContainer.FLAC, channels, 44100, WavFormat.PCM_16,
                frames)) {
            Audio.appendPcm(w, q, 0, frames, channels, WavFormat.PCM_16);
            assertEquals(0, w.clippedSamples());
        }
        assertArrayEquals(direct.toByteArray(), ahead.toByteArray());
    }

    @Test
    void wideAndFloatFormatsRefuseShortSamples() throws IOException {
        assertThrows(IllegalArgumentException.class,
                () -> PcmQuantizer.quantize(new double[1], 0, 1, WavFormat.FLOAT_32, new short[1], 0));
        try (WavWriter w = new WavWriter(new ByteArrayOutputStream(), "w.wav", 1, 8000, WavFormat.PCM_24, 1)) {
            assertThrows(IllegalArgumentException.class, () -> w.appendPcm(new short[1], 0, 1));
            w.append(new double[1], 0, 1);
        }
    }
}
