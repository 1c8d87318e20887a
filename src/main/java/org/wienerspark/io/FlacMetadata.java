package org.wienerspark.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The metadata at the head of a FLAC file, as {@link FlacReader} needs it: the checked
 * STREAMINFO, where the audio frames start, and the raw SEEKTABLE points (null when the file has
 * none; {@link FlacFrameIndex} decides whether they are usable).
 *
 * <p>An ID3v2 tag before the stream is skipped; metadata blocks other than STREAMINFO and
 * SEEKTABLE are skipped by their length. Every declared size is checked against the file length
 * before anything is read or allocated from it.
 */
record FlacMetadata(FlacStreamInfo info, long audioStart, long[] seekSamples, long[] seekOffsets) {

    static final int MAX_METADATA_BLOCKS = 4096;
    /** The fewest bytes a frame can take: a 6-byte header, a 1-byte subframe and the CRC-16. */
    private static final int MIN_FRAME_BYTES = 9;
    private static final int STREAMINFO = 0;
    private static final int SEEKTABLE = 3;

    /** Reads and checks the metadata of {@code in}, {@code length} bytes long. */
    static FlacMetadata read(RandomAccessInput in, long length) throws IOException {
        String name = in.name();
        byte[] b = new byte[34];
        long pos = 0;
        if (length >= 10) {
            read(in, 0, b, 10);
            if (b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
                // An ID3v2 tag (not part of FLAC, but some taggers write one): its size is syncsafe.
                long size = (b[6] & 0x7fL) << 21 | (b[7] & 0x7fL) << 14 | (b[8] & 0x7fL) << 7 | (b[9] & 0x7fL);
                pos = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
            }
        }
        if (length - pos < 4 + 4 + 34) {
            throw new BadInputException(name, "not a FLAC file: " + length
                    + " bytes, too short for the fLaC marker and STREAMINFO");
        }
        read(in, pos, b, 4);
        if (b[0] != 'f' || b[1] != 'L' || b[2] != 'a' || b[3] != 'C') {
            throw new BadInputException(name, "not a FLAC file: it does not start with 'fLaC'");
        }
        pos += 4;
        FlacStreamInfo si = null;
        long[] seekSamples = null;
        long[] seekOffsets = null;
        for (int k = 0; ; k++) {
            if (k == MAX_METADATA_BLOCKS) {
                throw new BadInputException(name, "more than " + MAX_METADATA_BLOCKS + " metadata blocks");
            }
            if (pos > length - 4) {
                throw new BadInputException(name, "truncated: the metadata ends at byte " + length
                        + " before its last block");
            }
            read(in, pos, b, 4);
            boolean last = (b[0] & 0x80) != 0;
            int type = b[0] & 0x7f;
            int size = (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            long body = pos + 4;
            if (size > length - body) {
                throw new BadInputException(name, "metadata block of type " + type + " at byte " + pos + " declares "
                        + size + " bytes but the file ends at byte " + length);
            }
            if (k == 0 && type != STREAMINFO) {
                throw new BadInputException(name, "the first metadata block is of type " + type + ", not STREAMINFO");
            }
            if (type == 127) {
                throw new BadInputException(name, "invalid metadata block type 127 at byte " + pos);
            }
            if (type == STREAMINFO) {
                if (k != 0) {
                    throw new BadInputException(name, "a second STREAMINFO block at byte " + pos);
                }
                if (size != 34) {
                    throw new BadInputException(name, "STREAMINFO of " + size + " bytes, not 34");
                }
                read(in, body, b, 34);
                si = streamInfo(name, b, length - body - size);
            } else if (type == SEEKTABLE && seekSamples == null && size % 18 == 0) {
                // Sized by the block, which was checked against the file length.
                int points = size / 18;
                byte[] t = new byte[size];
                read(in, body, t, size);
                seekSamples = new long[points];
                seekOffsets = new long[points];
                for (int i = 0; i < points; i++) {
                    seekSamples[i] = be(t, 18 * i, 8);
                    seekOffsets[i] = be(t, 18 * i + 8, 8);
                }
            }
            pos = body + size;
            if (last) {
                break;
            }
        }
        return new FlacMetadata(si, pos, seekSamples, seekOffsets);
    }

    /** Parses and checks STREAMINFO; {@code audioBytes} bounds the samples the file can hold. */
    private static FlacStreamInfo streamInfo(String name, byte[] b, long audioBytes) throws BadInputException {
        int minBlock = (int) be(b, 0, 2);
        int maxBlock = (int) be(b, 2, 2);
        int minFrame = (int) be(b, 4, 3);
        int maxFrame = (int) be(b, 7, 3);
        long packed = be(b, 10, 8);
        int rate = (int) (packed >>> 44);
        int channels = (int) (packed >>> 41 & 7) + 1;
        int bits = (int) (packed >>> 36 & 31) + 1;
        long total = packed & 0xFFFFFFFFFL;
        if (rate == 0) {
            throw new BadInputException(name, "STREAMINFO declares a sample rate of 0");
        }
        if (bits < 4) {
            throw new BadInputException(name, "STREAMINFO declares " + bits + " bits per sample; FLAC has 4 to 32");
        }
        if (maxBlock < 16 || minBlock > maxBlock) {
            throw new BadInputException(name, "STREAMINFO declares block sizes " + minBlock + " to " + maxBlock
                    + "; FLAC's are 16 to 65535");
        }
        long maxSamples = (audioBytes / MIN_FRAME_BYTES + 1) * maxBlock;
        if (total > maxSamples) {
            throw new BadInputException(name, "truncated: STREAMINFO declares " + total + " samples but the "
                    + audioBytes + " bytes of audio hold at most " + maxSamples);
        }
        return new FlacStreamInfo(minBlock, maxBlock, minFrame, maxFrame, rate, channels, bits, total,
                Arrays.copyOfRange(b, 18, 34));
    }

    private static long be(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void read(RandomAccessInput in, long pos, byte[] b, int len) throws IOException {
        try {
            in.readFully(pos, b, 0, len);
        } catch (EOFException e) {
            throw new BadInputException(in.name(), "file ended before byte " + (pos + len) + " of its metadata", e);
        }
    }
}
