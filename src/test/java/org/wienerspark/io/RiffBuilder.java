package org.wienerspark.io;

import java.io.ByteArrayOutputStream;

/** Builds WAV files byte by byte, including broken ones, for the reader's tests. */
final class RiffBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private RiffBuilder(String riff) {
        fourcc(riff);
        u32(0); // patched by build() for RIFF
        fourcc("WAVE");
    }

    /** A RIFF/WAVE file with no chunks yet. */
    static RiffBuilder riff() {
        return new RiffBuilder("RIFF");
    }

    /** A file starting with another form id (RF64, BW64, RIFX, garbage). */
    static RiffBuilder form(String id) {
        return new RiffBuilder(id);
    }

    /** A chunk whose size field is the body length; a pad byte follows an odd body. */
    RiffBuilder chunk(String id, byte[] body) {
        return chunk(id, body.length, body);
    }

    /** A chunk whose size field may lie about the body that follows; pads an odd body. */
    RiffBuilder chunk(String id, long declaredSize, byte[] body) {
        fourcc(id);
        u32(declaredSize);
        out.writeBytes(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
        return this;
    }

    /** Bytes as they are (e.g. a data body without its pad byte). */
    RiffBuilder raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** The file, with the RIFF size set to length - 8. */
    byte[] build() {
        byte[] b = out.toByteArray();
        LittleEndian.putU32(b, 4, b.length - 8);
        return b;
    }

    /** The file with the RIFF size field as given. */
    byte[] buildWithRiffSize(long size) {
        byte[] b = out.toByteArray();
        LittleEndian.putU32(b, 4, size);
        return b;
    }

    /** A 16-byte fmt body. */
    static byte[] fmt(int tag, int channels, int rate, int blockAlign, int bits) {
        byte[] b = new byte[16];
        LittleEndian.putU16(b, 0, tag);
        LittleEndian.putU16(b, 2, channels);
        LittleEndian.putU32(b, 4, rate);
        LittleEndian.putU32(b, 8, (long) rate * blockAlign);
        LittleEndian.putU16(b, 12, blockAlign);
        LittleEndian.putU16(b, 14, bits);
        return b;
    }

    /** A 16-byte PCM fmt body, consistent with itself. */
    static byte[] pcm(int channels, int rate, int bits) {
        return fmt(1, channels, rate, channels * bits / 8, bits);
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt body with a KSDATAFORMAT_SUBTYPE GUID for subTag. */
    static byte[] extensible(int channels, int rate, int bits, int validBits, int mask, int subTag) {
        byte[] b = new byte[40];
        System.arraycopy(fmt(0xFFFE, channels, rate, channels * bits / 8, bits), 0, b, 0, 16);
        LittleEndian.putU16(b, 16, 22);
        LittleEndian.putU16(b, 18, validBits);
        LittleEndian.putU32(b, 20, mask);
        LittleEndian.putU16(b, 24, subTag);
        byte[] tail = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
        System.arraycopy(tail, 0, b, 26, tail.length);
        return b;
    }

    /** Little-endian 16-bit samples. */
    static byte[] s16(int... v) {
        byte[] b = new byte[2 * v.length];
        for (int i = 0; i < v.length; i++) {
            LittleEndian.putU16(b, 2 * i, v[i]);
        }
        return b;
    }

    private void fourcc(String id) {
        for (int k = 0; k < 4; k++) {
            out.write(id.charAt(k));
        }
    }

    private void u32(long v) {
        byte[] b = new byte[4];
        LittleEndian.putU32(b, 0, v);
        out.writeBytes(b);
    }
}
