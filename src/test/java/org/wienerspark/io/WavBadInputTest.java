package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.io.RiffBuilder.extensible;
import static org.wienerspark.io.RiffBuilder.fmt;
import static org.wienerspark.io.RiffBuilder.pcm;
import static org.wienerspark.io.RiffBuilder.s16;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused WAV file: a BadInputException that names the file and the problem. */
class WavBadInputTest {

    /** Parses {@code file} as "bad.wav" and returns the problem the reader reports. */
    private static String problem(byte[] file) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> WavReader.open(RandomAccessInput.of("bad.wav", file)));
        assertEquals("bad.wav", e.file());
        assertEquals("bad.wav: " + e.problem(), e.getMessage());
        return e.problem();
    }

    private static RiffBuilder withFmt() {
        return RiffBuilder.riff().chunk("fmt ", pcm(2, 44100, 16));
    }

    @Test
    void dataDeclaringMoreBytesThanTheFileHoldsIsRefusedAsTruncated() {
        byte[] file = withFmt().chunk("data", 4000, s16(1, 2, 3, 4)).build();
        assertEquals("truncated: the data chunk declares 4000 bytes (1000 frames) but only 8 bytes follow its header"
                + " at byte 44", problem(file));
    }

    @Test
    void aHugeDeclaredDataSizeIsRefusedWithoutAllocating() {
        byte[] file = withFmt().chunk("data", 0xFFFFFFFFL, s16(1, 2)).build();
        assertEquals("truncated: the data chunk declares 4294967295 bytes (1073741823 frames) but only 4 bytes follow"
                + " its header at byte 44 (0xFFFFFFFF: a size its writer never filled in)", problem(file));
    }

    @Test
    void truncatedDataBeforeTheFmtChunkIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("data", 100, s16(1)).build();
        assertEquals("truncated: the data chunk at byte 12 declares 100 bytes but only 2 follow", problem(file));
    }

    @Test
    void aDataSizeThatIsNotAWholeNumberOfFramesIsRefused() {
        byte[] file = withFmt().chunk("data", new byte[6]).build();
        assertEquals("the data chunk of 6 bytes is not a whole number of 4-byte frames (2 channels of 16 bits)",
                problem(file));
    }

    @Test
    void aZeroDataSizeWithSamplesAfterItIsRefused() {
        byte[] file = withFmt().chunk("data", 0, new byte[0]).raw(new byte[400]).build();
        assertEquals("the data chunk declares 0 bytes but 400 bytes follow it (a size its writer never filled in?)",
                problem(file));
    }

    @Test
    void aChunkRunningPastTheEndOfTheFileIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("LIST", 1 << 30, new byte[4]).build();
        assertEquals("chunk 'LIST' at byte 12 declares 1073741824 bytes but the file ends at byte 24", problem(file));
    }

    @Test
    void aFmtChunkShorterThan16BytesIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", new byte[14]).chunk("data", s16(0)).build();
        assertEquals("fmt chunk of 14 bytes, shorter than the 16 every format needs", problem(file));
    }

    @Test
    void aShortExtensibleFmtChunkIsRefused() {
        byte[] body = new byte[18];
        System.arraycopy(fmt(0xFFFE, 1, 8000, 2, 16), 0, body, 0, 16);
        byte[] file = RiffBuilder.riff().chunk("fmt ", body).chunk("data", s16(0)).build();
        assertEquals("WAVE_FORMAT_EXTENSIBLE fmt chunk of 18 bytes (extension 0 bytes), shorter than the 40 (22) it"
                + " needs", problem(file));
    }

    @Test
    void anUnknownExtensibleSubFormatIsRefusedWithItsGuid() {
        byte[] body = extensible(4, 48000, 16, 16, 0, 1);
        body[39] = 0x00; // an Ambisonic B-format-like GUID, not the KSDATAFORMAT family
        byte[] file = RiffBuilder.riff().chunk("fmt ", body).chunk("data", s16(0, 0, 0, 0)).build();
        assertEquals("unsupported WAVE_FORMAT_EXTENSIBLE sub-format 00000001-0000-0010-8000-00AA00389B00; only PCM"
                + " and IEEE float are read", problem(file));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "2, Microsoft ADPCM, 0002",
        "6, A-law, 0006",
        "7, mu-law, 0007",
        "17, IMA ADPCM, 0011",
        "85, MPEG Layer 3, 0055",
        "0, WAVE_FORMAT_UNKNOWN, 0000",
        "4660, unknown, 1234",
    })
    void unsupportedEncodingsAreRefusedByName(int tag, String name, String hex) {
        byte[] file = RiffBuilder.riff().chunk("fmt ", fmt(tag, 1, 8000, 1, 8)).chunk("data", new byte[2]).build();
        assertEquals("unsupported encoding: " + name + " (format tag 0x" + hex + "); only PCM and IEEE float are read",
                problem(file));
    }

    @Test
    void anUnsupportedEncodingInsideExtensibleIsRefusedByName() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", extensible(1, 8000, 8, 8, 0, 7)).chunk("data", new byte[2])
                .build();
        assertEquals("unsupported encoding: mu-law (format tag 0x0007); only PCM and IEEE float are read",
                problem(file));
    }

    @Test
    void zeroChannelsAreRefused() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", fmt(1, 0, 8000, 0, 16)).chunk("data", s16(0)).build();
        assertEquals("zero channels", problem(file));
    }

    @Test
    void aZeroSampleRateIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", pcm(1, 0, 16)).chunk("data", s16(0)).build();
        assertEquals("zero sample rate", problem(file));
    }

    @Test
    void aSampleRateBeyondIntIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", fmt(1, 1, 0, 2, 16)).chunk("data", s16(0)).build();
        LittleEndian.putU32(file, 24, 0x80000000L);
        assertEquals("sample rate of 2147483648 Hz is out of range", problem(file));
    }

    @Test
    void unsupportedSampleSizesAreRefused() {
        byte[] pcm12 = RiffBuilder.riff().chunk("fmt ", fmt(1, 1, 8000, 2, 12)).chunk("data", s16(0)).build();
        assertEquals("unsupported PCM sample size of 12 bits; 8, 16, 24 or 32 are read", problem(pcm12));
        byte[] float16 = RiffBuilder.riff().chunk("fmt ", fmt(3, 1, 8000, 2, 16)).chunk("data", s16(0)).build();
        assertEquals("unsupported IEEE float sample size of 16 bits; 32 or 64 are read", problem(float16));
    }

    @Test
    void aBlockAlignThatLiesIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", fmt(1, 2, 8000, 2, 16)).chunk("data", s16(0, 0)).build();
        assertEquals("block align of 2 bytes does not match 2 channels of 16 bits (expected 4)", problem(file));
    }

    @Test
    void moreValidBitsThanTheContainerAreRefused() {
        byte[] file = RiffBuilder.riff().chunk("fmt ", extensible(1, 8000, 16, 20, 0, 1)).chunk("data", s16(0))
                .build();
        assertEquals("20 valid bits in a 16-bit sample", problem(file));
    }

    @Test
    void aSecondFmtChunkIsRefused() {
        byte[] file = RiffBuilder.riff().chunk("data", s16(0)).chunk("fmt ", pcm(1, 8000, 16))
                .chunk("fmt ", pcm(1, 8000, 16)).build();
        // the data came first, so the walk goes on past it and meets the fmt chunk once only
        assertEquals(1, readFrames(file));
        byte[] twice = RiffBuilder.riff().chunk("fmt ", pcm(1, 8000, 16)).chunk("fmt ", pcm(1, 8000, 8))
                .chunk("data", s16(0)).build();
        assertEquals("a second fmt chunk at byte 36", problem(twice));
    }

    private static long readFrames(byte[] file) {
        try {
            return WavReader.readHeader(RandomAccessInput.of("ok.wav", file)).frames();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void filesThatAreNotWaveAreRefused() {
        assertEquals("not a WAV file: 0 bytes, shorter than a RIFF header", problem(new byte[0]));
        assertEquals("not a WAV file: 11 bytes, shorter than a RIFF header", problem(new byte[11]));
        assertEquals("not a WAV file: starts with 'OggS', not RIFF or RF64",
                problem(RiffBuilder.form("OggS").build()));
        assertEquals("not a WAV file: starts with '\\x00\\x01\\xffA', not RIFF or RF64",
                problem(new byte[] {0, 1, -1, 'A', 0, 0, 0, 0, 0, 0, 0, 0}));
        assertEquals("big-endian WAV (RIFX) is not supported", problem(RiffBuilder.form("RIFX").build()));
        byte[] avi = RiffBuilder.riff().build();
        LittleEndian.putFourcc(avi, 8, "AVI ");
        assertEquals("RIFF form 'AVI ' is not WAVE", problem(avi));
    }

    @Test
    void aFileWithoutFmtOrDataIsRefused() {
        assertEquals("no fmt chunk before the end of the file at byte 12", problem(RiffBuilder.riff().build()));
        assertEquals("no data chunk before the end of the file at byte 36", problem(withFmt().build()));
        assertEquals("no fmt chunk before the end of the file at byte 26",
                problem(RiffBuilder.riff().chunk("data", s16(1)).raw(new byte[4]).build()));
    }

    @Test
    void aHeaderCutInsideTheFmtChunkIsRefused() {
        byte[] file = withFmt().build();
        byte[] cut = java.util.Arrays.copyOf(file, 30);
        assertEquals("chunk 'fmt ' at byte 12 declares 16 bytes but the file ends at byte 30", problem(cut));
    }

    @Test
    void thousandsOfEmptyChunksAreRefusedEarly() {
        RiffBuilder b = RiffBuilder.riff();
        for (int i = 0; i < 5000; i++) {
            b.chunk("JUNK", new byte[0]);
        }
        assertEquals("more than 1024 chunks before the audio data", problem(b.chunk("fmt ", pcm(1, 8000, 16))
                .chunk("data", s16(0)).build()));
    }

    @Test
    void rf64WithoutADs64ChunkIsRefused() {
        byte[] file = RiffBuilder.form("RF64").chunk("fmt ", pcm(1, 8000, 16)).chunk("data", 0xFFFFFFFFL, s16(0))
                .build();
        assertEquals("chunk 'data' at byte 36 has the RF64 size placeholder but no size in a ds64 chunk before it",
                problem(file));
    }

    @Test
    void aDs64ChunkThatIsNotFirstIsRefused() {
        byte[] file = RiffBuilder.form("RF64").chunk("JUNK", new byte[4]).chunk("ds64", new byte[28]).build();
        assertEquals("the ds64 chunk at byte 24 is not the first chunk", problem(file));
    }

    @Test
    void ds64SizesOf2To63AndBeyondAreRefused() {
        byte[] ds64 = new byte[28];
        LittleEndian.putU64(ds64, 8, -16);
        byte[] file = RiffBuilder.form("RF64").chunk("ds64", ds64).build();
        assertEquals("ds64 declares a data size of 2^63 bytes or more", problem(file));
    }

    @Test
    void aDs64TableLargerThanItsChunkIsRefused() {
        byte[] ds64 = new byte[28];
        LittleEndian.putU32(ds64, 24, 1_000_000);
        byte[] file = RiffBuilder.form("RF64").chunk("ds64", ds64).build();
        assertEquals("ds64 declares 1000000 table entries but has room for 0", problem(file));
    }

    @Test
    void rf64DataDeclaringMoreThanTheFileIsRefusedAsTruncated() {
        byte[] ds64 = new byte[28];
        LittleEndian.putU64(ds64, 8, 1L << 40);
        byte[] file = RiffBuilder.form("RF64").chunk("ds64", ds64).chunk("fmt ", pcm(1, 8000, 16))
                .chunk("data", 0xFFFFFFFFL, s16(0)).build();
        assertTrue(problem(file).startsWith("truncated: the data chunk declares 1099511627776 bytes"));
    }

    @Test
    void aMissingFileIsRefusedByName(@TempDir Path dir) {
        org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(dir.resolve("nope.wav").toUri());
        BadInputException e = assertThrows(BadInputException.class, () -> Wav.readInfo(new Configuration(), missing));
        assertEquals(missing.toString(), e.file());
        assertEquals("no such file", e.problem());
    }

    @Test
    void aDirectoryIsRefusedByName(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("d.wav"));
        org.apache.hadoop.fs.Path d = new org.apache.hadoop.fs.Path(dir.resolve("d.wav").toUri());
        BadInputException e = assertThrows(BadInputException.class, () -> Wav.read(new Configuration(), d, 0, 1));
        assertEquals("is a directory, not a file", e.problem());
        assertTrue(e.getMessage().contains("d.wav"));
    }

    @Test
    void aFileThatShrinksAfterItsHeaderWasReadIsRefused() throws IOException {
        byte[] file = withFmt().chunk("data", s16(1, 2, 3, 4)).build();
        byte[] shorter = java.util.Arrays.copyOf(file, file.length - 2);
        // Reports the original length, but holds fewer bytes: as a file truncated while being read.
        RandomAccessInput lying = new RandomAccessInput() {
            private final RandomAccessInput real = RandomAccessInput.of("bad.wav", shorter);

            @Override
            public String name() {
                return real.name();
            }

            @Override
            public long length() {
                return file.length;
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
                real.readFully(position, buffer, offset, len);
            }

            @Override
            public void close() {
            }
        };
        try (WavReader r = WavReader.open(lying)) {
            BadInputException e = assertThrows(BadInputException.class, () -> r.read(0, 2));
            assertEquals("bad.wav", e.file());
            assertTrue(e.problem().startsWith("file ended before byte 52 although its header places 2 frames there"),
                    e.problem());
        }
    }
}
