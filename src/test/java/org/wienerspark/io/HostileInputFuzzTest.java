package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of the WAV, FLAC and .npy parsers (issue 7, point 6): valid files with bytes flipped,
 * size fields set to extremes, cut or grown, parsed and read completely. Each mutant must either
 * read or fail with a {@link BadInputException}; anything else (another exception, an allocation
 * beyond what the file's size justifies, a hang) fails the test with the seed and mutant number.
 *
 * <p>Quick by default; a longer run by hand:
 * {@code mvn -B test -Dtest=HostileInputFuzzTest -Dwienerspark.fuzz.mutants=200000 -Dwienerspark.fuzz.seed=7}.
 */
class HostileInputFuzzTest {

    private static final int MUTANTS = Integer.getInteger("wienerspark.fuzz.mutants", 3000);
    private static final long SEED = Long.getLong("wienerspark.fuzz.seed", 20240603L);
    /** Output doubles (8 bytes) for each input byte, copies, buffers and exception messages. */
    private static final long ALLOCATION_PER_BYTE = 24;
    private static final long ALLOCATION_SLACK = 512 * 1024;

    private interface Parser {
        void parseAndReadAll(RandomAccessInput in) throws IOException;
    }

    private static final Parser WAV = in -> {
        try (WavReader r = WavReader.open(in)) {
            long frames = r.header().frames();
            r.read(0, frames);
            r.read(frames / 3, frames / 2);
        }
    };

    private static final Parser NPY = in -> {
        Npy.Header h = Npy.readHeader(in);
        Npy.read(in);
        if (h.shape().length > 0) {
            Npy.readRows(in, h, h.shape()[0] / 3, h.shape()[0] / 2);
        }
    };

    private static List<byte[]> wavSeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        int channels = 1;
        for (WavFormat f : WavFormat.values()) {
            double[] x = WavRoundTripTest.noise(9 * channels, channels);
            seeds.add(WavRoundTripTest.write(f, channels, 8000, x));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (WavWriter w = new WavWriter(out, "rf64", channels, 8000, f, 9, true)) {
                w.append(x, 0, 9);
            }
            seeds.add(out.toByteArray());
            channels = channels % 3 + 1;
        }
        seeds.add(RiffBuilder.riff().chunk("JUNK", new byte[3]).chunk("fmt ", RiffBuilder.extensible(2, 8000, 24, 20,
                3, 1)).chunk("data", new byte[18]).chunk("LIST", new byte[4]).build());
        return seeds;
    }

    /**
     * FLAC: open, read everything, read a range from a second reader (a random access through the
     * seek table or the frame index) and check the MD5.
     */
    private static final Parser FLAC = in -> {
        try (FlacReader r = FlacReader.open(in)) {
            long frames = r.info().frames();
            r.read(0, frames);
            r.read(frames / 2, frames);
            r.read(frames / 3, frames / 2);
            r.verifyMd5();
        }
    };

    /** FLAC seeds from our encoder and the reference encoder: every subframe type and stereo mode. */
    private static List<byte[]> flacSeeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(FlacRoundTripTest.write(WavFormat.PCM_16, 2, 44100, FlacRoundTripTest.signal(9000, 2, 1)));
        seeds.add(FlacRoundTripTest.write(WavFormat.PCM_24, 1, 48000, FlacRoundTripTest.signal(700, 1, 2)));
        seeds.add(FlacRoundTripTest.write(WavFormat.PCM_16, 3, 8000, FlacRoundTripTest.signal(300, 3, 3)));
        for (String name : new String[] {"s16_stereo_l8_b1152_noseek.flac", "s24_mono_wasted_l8.flac",
            "s16_short_l8.flac", "s8_stereo_l3.flac", "s16_stereo_l5_b576.flac"}) {
            seeds.add(FlacReferenceVectorsTest.resource(name));
        }
        return seeds;
    }

    /** What reading a FLAC seed allocates legitimately: its samples, read twice over, as doubles. */
    private static long flacOutput(byte[] seed) {
        try (FlacReader r = FlacReader.open(RandomAccessInput.of("seed.flac", seed))) {
            return 16L * r.info().frames() * r.info().channels() + 64L * 4096 * r.info().channels();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<byte[]> npySeeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : new String[] {"f8_fortran.npy", "f4_big_endian_fortran.npy", "c8_c.npy",
            "c16_big_endian_fortran.npy", "f8_v2.npy", "c16_v3.npy", "f8_scalar.npy"}) {
            seeds.add(Files.readAllBytes(Path.of(HostileInputFuzzTest.class.getResource("/npy/" + name).toURI())));
        }
        return seeds;
    }

    /** One mutation of {@code seed}: flips, extreme 16/32/64-bit fields, cuts, growth, splices. */
    static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits && b.length > 0; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> {
                    long[] extremes = {0, 1, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL,
                        0xFFFFFFF8L, r.nextInt()};
                    long v = extremes[r.nextInt(extremes.length)];
                    int width = 2 << r.nextInt(3);
                    for (int i = 0; i < width && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (8 * (i % 4)));
                    }
                }
                case 3 -> b = java.util.Arrays.copyOf(b, at);
                case 4 -> b = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
                case 5 -> {
                    // a text mutation for the .npy dictionary: a digit, quote or bracket
                    byte[] chars = "0123456789'\"(),:{} -LTrueFalse<>|Oc".getBytes();
                    b[at] = chars[r.nextInt(chars.length)];
                }
                default -> {
                    int from = r.nextInt(b.length);
                    int len = Math.min(1 + r.nextInt(16), Math.min(b.length - from, b.length - at));
                    System.arraycopy(b, from, b, at, len);
                }
            }
        }
        return b;
    }

    /** Parses and reads a mutant: true when it reads, false when refused; fails on anything else. */
    private static boolean parse(String what, Parser parser, byte[] file, int m) {
        try {
            parser.parseAndReadAll(RandomAccessInput.of("mutant.bin", file));
            return true;
        } catch (BadInputException e) {
            return false;
        } catch (Throwable t) {
            throw new AssertionError(what + " mutant " + m + " (seed " + SEED + ", " + file.length
                    + " bytes) threw " + t, t);
        }
    }

    private static void fuzz(String what, List<byte[]> seeds, Parser parser) {
        fuzz(what, seeds, parser, seed -> 0L);
    }

    /**
     * {@code output}: bytes a seed's read allocates for its samples besides what its length
     * allows (FLAC compresses, so its output is not bounded by its size); a mutant may allocate
     * that of the seed it came from.
     */
    private static void fuzz(String what, List<byte[]> seeds, Parser parser,
                             java.util.function.ToLongFunction<byte[]> output) {
        long[] allowance = seeds.stream().mapToLong(output).toArray();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        Random r = new Random(SEED);
        int refused = 0;
        long start = System.nanoTime();
        for (int m = 0; m < MUTANTS; m++) {
            int seed = r.nextInt(seeds.size());
            byte[] file = mutate(seeds.get(seed), r);
            long limit = ALLOCATION_SLACK + ALLOCATION_PER_BYTE * file.length + allowance[seed];
            long allocated = 0;
            // The first pass through a code path loads classes (e.g. String.format's): when the
            // limit is exceeded, the same mutant is measured again, warm.
            for (int attempt = 0; attempt < 2; attempt++) {
                long before = mx.getThreadAllocatedBytes(tid);
                boolean ok = parse(what, parser, file, m);
                allocated = mx.getThreadAllocatedBytes(tid) - before;
                if (attempt == 0 && !ok) {
                    refused++;
                }
                if (allocated <= limit) {
                    break;
                }
            }
            if (allocated > limit) {
                fail(what + " mutant " + m + " (seed " + SEED + ") of " + file.length + " bytes allocated "
                        + allocated + " bytes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        assertTrue(refused > MUTANTS / 10 && refused < MUTANTS, what + ": " + refused + " of " + MUTANTS
                + " refused");
        // A minute for the default count (the hang check), scaled for longer runs by hand.
        assertTrue(seconds < 60.0 * Math.max(1, MUTANTS / 3000.0), what + " took " + seconds + " s");
    }

    @Test
    void mutatedWavFilesReadOrFailWithBadInput() throws IOException {
        fuzz("WAV", wavSeeds(), WAV);
    }

    @Test
    void mutatedFlacFilesReadOrFailWithBadInput() throws Exception {
        fuzz("FLAC", flacSeeds(), FLAC, HostileInputFuzzTest::flacOutput);
    }

    @Test
    void mutatedNpyFilesReadOrFailWithBadInput() throws Exception {
        fuzz(".npy", npySeeds(), NPY);
    }
}
