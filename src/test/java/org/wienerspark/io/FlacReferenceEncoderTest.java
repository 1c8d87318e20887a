package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against the reference FLAC tools (the Debian package {@code flac}; .ci/run installs it, and
 * these tests are skipped where the binary is absent): files the reference encoder makes at
 * every compression level decode to what {@code flac -d} gives, and the files our encoder makes
 * pass {@code flac -t} (which checks every frame's CRC and the MD5) and decode to our input.
 */
class FlacReferenceEncoderTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsTheFlacBinary() {
        assumeTrue(run("flac", "--version") == 0, "the flac binary is not installed");
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double[] readWav(Path p) throws IOException {
        try (WavReader r = WavReader.open(RandomAccessInput.of(p))) {
            return r.read(0, r.header().frames());
        }
    }

    @ParameterizedTest
    @CsvSource({"-0,PCM_16,2,4096", "-1,PCM_16,2,1152", "-2,PCM_16,2,4608", "-3,PCM_16,1,4096", "-4,PCM_24,2,4096",
        "-5,PCM_16,6,2048", "-6,PCM_24,2,4096", "-7,PCM_16,2,256", "-8,PCM_24,1,4096", "-8,PCM_16,2,16384"})
    void referenceEncodedFilesDecodeAsFlacDecodesThem(String level, WavFormat format, int channels, int block)
            throws Exception {
        int frames = 50_000;
        double[] x = FlacRoundTripTest.signal(frames, channels, frames + channels);
        String base = "ref" + level + format + channels + "_" + block;
        Path wav = dir.resolve(base + ".wav");
        Files.write(wav, WavRoundTripTest.write(format, channels, 44100, x));
        Path flac = dir.resolve(base + ".flac");
        Path decoded = dir.resolve(base + ".dec.wav");
        List<String> enc = new ArrayList<>(List.of("flac", "-s", "-f", level, "-b", Integer.toString(block)));
        if (channels > 2) {
            enc.add("--channel-map=none"); // our WAV writer stores no speaker positions
        }
        if (block > 4608) {
            enc.add("--lax"); // outside the streamable subset
        }
        enc.addAll(List.of("-o", flac.toString(), wav.toString()));
        assertEquals(0, run(enc.toArray(new String[0])), String.join(" ", enc));
        assertEquals(0, run("flac", "-s", "-f", "-d", "-o", decoded.toString(), flac.toString()));
        double[] reference = readWav(decoded);
        try (FlacReader r = FlacReader.open(RandomAccessInput.of(flac))) {
            assertEquals(frames, r.info().frames());
            assertArrayEquals(reference, r.read(0, frames), base);
            // and block by block, as the job reads
            double[] blocks = new double[frames * channels];
            for (int s = 0; s < frames; s += 3001) {
                int e = Math.min(frames, s + 3001);
                r.read(s, e, blocks, s * channels);
            }
            assertArrayEquals(reference, blocks, base + " in blocks");
        }
    }

    @ParameterizedTest
    @CsvSource({"PCM_16,2,44100,100000", "PCM_24,2,48000,30000", "PCM_16,6,48000,20000", "PCM_16,1,22050,777",
        "PCM_24,1,96000,5", "PCM_U8,2,8000,9000"})
    void ourFilesPassFlacTestAndDecodeWithFlacToOurInput(WavFormat format, int channels, int rate, int frames)
            throws Exception {
        double[] x = FlacRoundTripTest.signal(frames, channels, frames + 3L * channels);
        String base = "ours" + format + channels + "_" + frames;
        Path flac = dir.resolve(base + ".flac");
        Files.write(flac, FlacRoundTripTest.write(format, channels, rate, x));
        assertEquals(0, run("flac", "-s", "-t", flac.toString()), "flac -t " + base);
        Path decoded = dir.resolve(base + ".dec.wav");
        assertEquals(0, run("flac", "-s", "-f", "-d", "-o", decoded.toString(), flac.toString()));
        double[] expected = readWav(dir.resolve(writeWav(base, format, channels, rate, x)));
        assertArrayEquals(expected, readWav(decoded), base);
    }

    @ParameterizedTest
    @CsvSource({"PCM_16,1", "PCM_16,2", "PCM_24,2"})
    void ourFilesAreNoLargerThanTheReferenceEncodersAtLevel5(WavFormat format, int channels) throws Exception {
        double[] x = FlacRoundTripTest.signal(100_000, channels, 3);
        String base = "size" + format + channels;
        Path wav = dir.resolve(writeWav(base, format, channels, 44100, x));
        Path reference = dir.resolve(base + ".ref.flac");
        assertEquals(0, run("flac", "-s", "-f", "-5", "-o", reference.toString(), wav.toString()));
        long ours = FlacRoundTripTest.write(format, channels, 44100, x).length;
        assertTrue(ours <= Files.size(reference) * 1.02, base + ": " + ours + " bytes, flac -5 "
                + Files.size(reference));
    }

    private static String writeWav(String base, WavFormat format, int channels, int rate, double[] x)
            throws IOException {
        String name = base + ".in.wav";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WavWriter w = new WavWriter(out, name, channels, rate, format, x.length / channels)) {
            w.append(x, 0, x.length / channels);
        }
        Files.write(dir.resolve(name), out.toByteArray());
        return name;
    }
}
