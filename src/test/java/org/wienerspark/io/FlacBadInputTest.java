package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the FLAC reader refuses, and how: a BadInputException naming the file and the problem. */
class FlacBadInputTest {

    private static final double[] X = FlacRoundTripTest.signal(20_000, 2, 4);

    private static byte[] valid() throws IOException {
        return FlacRoundTripTest.write(WavFormat.PCM_16, 2, 44100, X);
    }

    private static BadInputException refused(byte[] file) {
        return assertThrows(BadInputException.class, () -> {
            try (FlacReader r = FlacReader.open(RandomAccessInput.of("bad.flac", file))) {
                r.read(0, r.info().frames());
            }
        });
    }

    @Test
    void notFlacAtAll() {
        BadInputException e = refused("RIFF....WAVEfmt ".repeat(4).getBytes());
        assertEquals("bad.flac", e.file());
        assertTrue(e.problem().startsWith("not a FLAC file"), e.problem());
        assertTrue(refused(new byte[3]).problem().startsWith("not a FLAC file"));
    }

    @Test
    void aTruncatedFileIsRefusedNotShortened() throws IOException {
        byte[] f = valid();
        for (int cut : new int[] {f.length - 1, f.length / 2, 60, 43}) {
            BadInputException e = refused(Arrays.copyOf(f, cut));
            assertTrue(e.problem().contains("truncated") || e.problem().contains("ended"), cut + ": " + e.problem());
        }
    }

    @Test
    void aFlippedAudioByteFailsTheFrameCrc() throws IOException {
        byte[] f = valid();
        f[f.length - 300] ^= 0x10;
        BadInputException e = refused(f);
        assertTrue(e.problem().startsWith("corrupt frame at byte "), e.problem());
    }

    @Test
    void aMetadataBlockPastTheEndAndAMissingStreamInfoAreNamed() throws IOException {
        byte[] f = valid();
        byte[] longBlock = f.clone();
        longBlock[5] = (byte) 0x7f; // STREAMINFO length 0x7f0022
        assertTrue(refused(longBlock).problem().contains("declares"), refused(longBlock).problem());
        byte[] noInfo = f.clone();
        noInfo[4] = (byte) (noInfo[4] & 0x80 | 4);
        assertTrue(refused(noInfo).problem().contains("not STREAMINFO"));
    }

    @Test
    void aStreamInfoDeclaringMoreSamplesThanTheFileCanHoldIsRefusedBeforeAllocating() throws IOException {
        byte[] f = valid();
        // total samples: the low nibble of STREAMINFO's byte 13 and bytes 14-17 (the file is at 8)
        f[8 + 13] |= (byte) 0x0f;
        f[8 + 14] = (byte) 0xff;
        BadInputException e = refused(f);
        assertTrue(e.problem().startsWith("truncated"), e.problem());
    }

    @Test
    void anId3v2TagBeforeTheStreamIsSkipped() throws IOException {
        byte[] f = valid();
        byte[] tag = new byte[10 + 300];
        tag[0] = 'I';
        tag[1] = 'D';
        tag[2] = '3';
        tag[3] = 4;
        tag[8] = 2; // syncsafe 300 = 2 * 128 + 44
        tag[9] = 44;
        byte[] tagged = new byte[tag.length + f.length];
        System.arraycopy(tag, 0, tagged, 0, tag.length);
        System.arraycopy(f, 0, tagged, tag.length, f.length);
        try (FlacReader a = FlacReader.open(RandomAccessInput.of("a.flac", f));
             FlacReader b = FlacReader.open(RandomAccessInput.of("b.flac", tagged))) {
            assertArrayEquals(a.read(0, 20_000), b.read(0, 20_000));
        }
    }

    @Test
    void rangesOutsideTheFileAreCallerErrors() throws IOException {
        try (FlacReader r = FlacReader.open(RandomAccessInput.of("ok.flac", valid()))) {
            assertThrows(IllegalArgumentException.class, () -> r.read(0, 20_001));
            assertThrows(IllegalArgumentException.class, () -> r.read(-1, 5));
            assertEquals(0, r.read(7, 7).length);
        }
    }
}
