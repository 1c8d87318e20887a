package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Format dispatch: containers by extension, --output-format names, the same doubles from WAV and FLAC. */
class AudioTest {

    @Test
    void containersAreChosenByExtensionCaseInsensitively() {
        assertEquals(AudioContainer.WAV, AudioContainer.ofName("s3a://b/t/mixture.WAV"));
        assertEquals(AudioContainer.WAV, AudioContainer.ofName("x.wave"));
        assertEquals(AudioContainer.FLAC, AudioContainer.ofName("hdfs:///t/vocals.Flac"));
        assertEquals(null, AudioContainer.ofName("notes.txt"));
        assertTrue(AudioContainer.isAudio("a.flac"));
    }

    @Test
    void anUnknownExtensionIsABadInputNamingTheFile() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> Audio.open(RandomAccessInput.of("track.mp3", new byte[100])));
        assertEquals("track.mp3", e.file());
    }

    @Test
    void aFlacFileNamedWavIsRefusedWithWhatItIs() throws IOException {
        byte[] flac = FlacRoundTripTest.write(WavFormat.PCM_16, 1, 8000, new double[100]);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Audio.open(RandomAccessInput.of("x.wav", flac)));
        assertTrue(e.problem().contains("'fLaC'"), e.problem());
    }

    @Test
    void outputFormatsNameContainerAndDepth() {
        assertEquals(AudioOutputFormat.SAME, AudioOutputFormat.parse(null));
        assertEquals(WavFormat.FLOAT_32, AudioOutputFormat.parse("same").resolve(WavFormat.FLOAT_32));
        AudioOutputFormat flac = AudioOutputFormat.parse("flac");
        assertEquals("flac", flac.extension());
        assertEquals(WavFormat.PCM_16, flac.resolve(WavFormat.PCM_16));
        assertEquals(WavFormat.PCM_16, flac.resolve(WavFormat.PCM_U8));
        assertEquals(WavFormat.PCM_24, flac.resolve(WavFormat.PCM_24));
        assertEquals(WavFormat.PCM_24, flac.resolve(WavFormat.FLOAT_64));
        assertEquals(WavFormat.PCM_24, AudioOutputFormat.parse("flac24").resolve(WavFormat.PCM_16));
        assertEquals(WavFormat.PCM_16, AudioOutputFormat.parse("flac16").resolve(WavFormat.FLOAT_32));
        assertThrows(IllegalArgumentException.class, () -> AudioOutputFormat.parse("mp3"));
    }

    @Test
    void writersOfBothContainersGiveTheSameSamplesAndClipCounts() throws IOException {
        double[] x = FlacRoundTripTest.signal(5000, 2, 9);
        x[17] = 1.5;
        double[][] got = new double[2][];
        long[] clipped = new long[2];
        int k = 0;
        for (AudioContainer c : AudioContainer.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String name = "t." + c.extension();
            try (AudioWriter w = Audio.writer(out, name, c, 2, 44100, WavFormat.PCM_24, 5000)) {
                w.append(x, 0, 5000);
                clipped[k] = w.clippedSamples();
            }
            try (AudioReader r = Audio.open(RandomAccessInput.of(name, out.toByteArray()))) {
                assertEquals(c, r.info().container());
                got[k++] = r.read(0, 5000);
            }
        }
        assertEquals(1, clipped[0]);
        assertEquals(clipped[0], clipped[1]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(got[0], got[1]);
    }

    @Test
    void flacRefusesFloatOutputBeforeCreatingAnything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Audio.checkWritable(AudioContainer.FLAC, "v.flac", 2, 44100, WavFormat.FLOAT_32, 10));
        assertTrue(e.getMessage().startsWith("v.flac: "), e.getMessage());
    }
}
