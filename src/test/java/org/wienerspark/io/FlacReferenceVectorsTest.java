package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files made by the reference encoder (flac 1.4.2, see src/test/resources/flac/make_vectors.sh):
 * levels 0-8 (fixed and LPC subframes, independent/left-side/mid-side stereo), 8/16/24/32 bits,
 * 1/2/6 channels, wasted bits, block sizes 192-4096, with and without a seek table. The reference
 * encoder stored the MD5 of its input samples, so a decode whose MD5 matches is bit for bit what
 * {@code flac -d} gives.
 */
class FlacReferenceVectorsTest {

    static byte[] resource(String name) throws Exception {
        return Files.readAllBytes(Path.of(FlacReferenceVectorsTest.class.getResource("/flac/" + name).toURI()));
    }

    static FlacReader reader(String name, byte[] file) throws IOException {
        return FlacReader.open(RandomAccessInput.of(name, file));
    }

    /** MD5 of samples as FLAC hashes them: integers, little-endian, ceil(bits / 8) bytes each. */
    static byte[] md5(double[] x, int bits) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        int bytes = (bits + 7) / 8;
        double scale = Math.scalb(1.0, bits - 1);
        byte[] b = new byte[x.length * bytes];
        for (int i = 0, j = 0; i < x.length; i++) {
            long v = (long) (x[i] * scale);
            for (int k = 0; k < bytes; k++) {
                b[j++] = (byte) (v >>> (8 * k));
            }
        }
        md.update(b);
        return md.digest();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s16_stereo_l0_b256.flac", "s16_stereo_l5_b576.flac", "s16_stereo_l8_b1152_noseek.flac",
        "s24_mono_wasted_l8.flac", "s16_6ch_l5.flac", "s8_stereo_l3.flac", "s16_short_l8.flac", "s32_stereo_l7.flac"})
    void decodesBitForBitAsTheReferenceDecoderAndAnyRangeEqualsTheWholeDecode(String name) throws Exception {
        byte[] file = resource(name);
        double[] whole;
        try (FlacReader r = reader(name, file)) {
            AudioInfo info = r.info();
            assertEquals(info.frames(), r.streamInfo().totalSamples());
            whole = r.read(0, info.frames());
            assertArrayEquals(r.streamInfo().md5(), md5(whole, info.bitsPerSample()), name + ": MD5 of the decode");
            assertTrue(r.verifyMd5());
            assertEquals(!name.contains("noseek"), r.hasSeekTable());
        }
        // Ranges of any size and position, read in random order through one reader and through
        // fresh readers: each equals the same part of the whole decode.
        Random rnd = new Random(name.hashCode());
        try (FlacReader r = reader(name, file)) {
            int ch = r.info().channels();
            long frames = r.info().frames();
            for (int k = 0; k < 60; k++) {
                long a = rnd.nextInt((int) frames + 1);
                long b = Math.min(frames, a + rnd.nextInt(k % 3 == 0 ? 5 : 1500));
                double[] part = (k % 10 == 0 ? reader(name, file) : r).read(a, b);
                for (int i = 0; i < part.length; i++) {
                    if (part[i] != whole[(int) (a * ch) + i]) {
                        throw new AssertionError(name + ": [" + a + ", " + b + ") differs at " + i);
                    }
                }
            }
        }
    }
}
