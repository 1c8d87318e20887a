package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.io.RiffBuilder.extensible;
import static org.wienerspark.io.RiffBuilder.pcm;
import static org.wienerspark.io.RiffBuilder.s16;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files from other writers (scipy, Python's wave) and hand-built chunk layouts. */
class WavReaderTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(WavReaderTest.class.getResource("/wav/" + name).toURI());
    }

    private static WavReader reader(byte[] file) throws IOException {
        return WavReader.open(RandomAccessInput.of("built.wav", file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "scipy_u8_2ch, PCM_U8, 2, 8000",
        "scipy_i16_3ch, PCM_16, 3, 44100",
        "pywave_i24_2ch, PCM_24, 2, 11025",
        "scipy_i32_1ch, PCM_32, 1, 48000",
        "scipy_f32_2ch, FLOAT_32, 2, 22050",
        "scipy_f64_1ch, FLOAT_64, 1, 96000",
    })
    void readsFilesOfOtherWritersAsTheirExpectedValues(String name, WavFormat format, int channels, int rate)
            throws Exception {
        Npy.Array expected = Npy.read(resource(name + ".expected.npy"));
        try (WavReader r = WavReader.open(RandomAccessInput.of(resource(name + ".wav")))) {
            WavHeader h = r.header();
            assertEquals(format, h.format());
            assertEquals(channels, h.channels());
            assertEquals(rate, h.sampleRate());
            assertEquals(expected.shape()[0], h.frames());
            assertEquals(channels, expected.shape()[1]);
            double[] all = r.read(0, h.frames());
            assertArrayEquals(expected.data(), all, 0.0);
            for (int s = 0; s < h.frames(); s++) {
                for (int e = s; e <= h.frames(); e++) {
                    assertArrayEquals(Arrays.copyOfRange(all, s * channels, e * channels), r.read(s, e));
                }
            }
        }
    }

    @Test
    void unknownChunksBeforeAndBetweenAreSkippedWithTheirPadBytes() throws IOException {
        byte[] file = RiffBuilder.riff()
                .chunk("JUNK", new byte[28])
                .chunk("abc ", new byte[] {1, 2, 3}) // odd: a pad byte follows
                .chunk("fmt ", pcm(2, 8000, 16))
                .chunk("LIST", new byte[5])          // odd again
                .chunk("data", s16(1, -1, 32767, -32768))
                .chunk("id3 ", new byte[7])
                .build();
        try (WavReader r = reader(file)) {
            assertEquals(2, r.header().frames());
            assertArrayEquals(new double[] {1 / 32768.0, -1 / 32768.0, 32767 / 32768.0, -1}, r.read(0, 2), 0.0);
        }
    }

    @Test
    void aFmtChunkAfterTheDataIsFound() throws IOException {
        byte[] file = RiffBuilder.riff()
                .chunk("data", s16(100, 200, 300))
                .chunk("fmt ", pcm(1, 8000, 16))
                .build();
        try (WavReader r = reader(file)) {
            assertEquals(20, r.header().dataOffset());
            assertArrayEquals(new double[] {100 / 32768.0, 200 / 32768.0, 300 / 32768.0}, r.read(0, 3), 0.0);
        }
    }

    @Test
    void oddSizedDataWithItsPadByteAndTrailingChunksIsRead() throws IOException {
        byte[] file = RiffBuilder.riff()
                .chunk("fmt ", pcm(1, 8000, 8))
                .chunk("data", new byte[] {0, (byte) 128, (byte) 255})
                .chunk("cue ", new byte[12])
                .build();
        try (WavReader r = reader(file)) {
            assertArrayEquals(new double[] {-1, 0, 127 / 128.0}, r.read(0, 3), 0.0);
        }
    }

    @Test
    void chunksAfterTheDataAreNeverRead() throws IOException {
        // A LIST chunk cut off at the end of the file does not spoil the audio before it.
        byte[] file = RiffBuilder.riff()
                .chunk("fmt ", pcm(1, 8000, 16))
                .chunk("data", s16(5, 6))
                .chunk("LIST", 1000, new byte[10])
                .build();
        try (WavReader r = reader(file)) {
            assertEquals(2, r.header().frames());
        }
    }

    @Test
    void extensiblePcmWithFewerValidBitsIsScaledByItsContainer() throws IOException {
        // 20 valid bits left-justified in 24: the value 0x7FFFF0 is the largest 20-bit sample.
        byte[] data = {(byte) 0xF0, (byte) 0xFF, 0x7F, 0x00, 0x00, (byte) 0x80};
        byte[] file = RiffBuilder.riff()
                .chunk("fmt ", extensible(1, 48000, 24, 20, 0x4, 1))
                .chunk("data", data)
                .build();
        try (WavReader r = reader(file)) {
            assertEquals(WavFormat.PCM_24, r.header().format());
            assertEquals(0x4, r.header().channelMask());
            assertArrayEquals(new double[] {0x7FFFF0 / 8388608.0, -1}, r.read(0, 2), 0.0);
        }
    }

    @Test
    void extensibleFloatIsRead() throws IOException {
        byte[] data = new byte[8];
        LittleEndian.putU32(data, 0, Float.floatToIntBits(0.75f));
        LittleEndian.putU32(data, 4, Float.floatToIntBits(-2.5f));
        byte[] file = RiffBuilder.riff()
                .chunk("fmt ", extensible(2, 44100, 32, 32, 0x3, 3))
                .chunk("fact", new byte[4])
                .chunk("data", data)
                .build();
        try (WavReader r = reader(file)) {
            assertEquals(WavFormat.FLOAT_32, r.header().format());
            assertArrayEquals(new double[] {0.75, -2.5}, r.read(0, 1), 0.0);
        }
    }

    @Test
    void aWrongRiffSizeIsTolerated() throws IOException {
        byte[] file = RiffBuilder.riff().chunk("fmt ", pcm(1, 8000, 16)).chunk("data", s16(7)).buildWithRiffSize(0);
        try (WavReader r = reader(file)) {
            assertArrayEquals(new double[] {7 / 32768.0}, r.read(0, 1), 0.0);
        }
    }

    @Test
    void anEmptyDataChunkAtTheEndIsATrackOfNoFrames() throws IOException {
        byte[] file = RiffBuilder.riff().chunk("fmt ", pcm(2, 8000, 16)).chunk("data", new byte[0]).build();
        try (WavReader r = reader(file)) {
            assertEquals(0, r.header().frames());
            assertEquals(0, r.read(0, 0).length);
        }
    }

    @ParameterizedTest
    @CsvSource({"RF64", "BW64"})
    void rf64DataSizeComesFromTheDs64Chunk(String form) throws IOException {
        byte[] ds64 = new byte[28 + 12];
        LittleEndian.putU64(ds64, 8, 4);            // data size
        LittleEndian.putU64(ds64, 16, 2);           // sample count
        LittleEndian.putU32(ds64, 24, 1);           // one table entry:
        LittleEndian.putFourcc(ds64, 28, "big ");   // chunk 'big ' of 6 bytes
        LittleEndian.putU64(ds64, 32, 6);
        byte[] file = RiffBuilder.form(form)
                .chunk("ds64", ds64)
                .chunk("fmt ", pcm(1, 8000, 16))
                .chunk("big ", 0xFFFFFFFFL, new byte[6])
                .chunk("data", 0xFFFFFFFFL, s16(-2, 2))
                .buildWithRiffSize(0xFFFFFFFFL);
        try (WavReader r = reader(file)) {
            assertTrue(r.header().rf64());
            assertEquals(2, r.header().frames());
            assertArrayEquals(new double[] {-2 / 32768.0, 2 / 32768.0}, r.read(0, 2), 0.0);
        }
    }

    @Test
    void aPlainRiffFileIsNotRf64AndHasNoMaskWithoutExtensible() throws IOException {
        byte[] file = RiffBuilder.riff().chunk("fmt ", pcm(1, 8000, 16)).chunk("data", s16(1)).build();
        WavHeader h = WavReader.readHeader(RandomAccessInput.of("h.wav", file));
        assertFalse(h.rf64());
        assertEquals(0, h.channelMask());
        assertEquals(1 / 8000.0, h.seconds());
    }
}
