package org.wienerspark.io;

import static org.wienerspark.io.LittleEndian.fourcc;
import static org.wienerspark.io.LittleEndian.s64;
import static org.wienerspark.io.LittleEndian.u16;
import static org.wienerspark.io.LittleEndian.u32;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One parse of a WAV header (RIFF/WAVE or RF64/BW64) with the checks {@link WavReader} documents:
 * the file, its length and a scratch buffer for the fixed-size structures, so that nothing is
 * allocated from a declared size.
 */
final class WavHeaderParser {

    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2-15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a format tag. */
    private static final byte[] GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
        (byte) 0x9B, 0x71};
    private static final long NO_SIZE = 0xFFFFFFFFL;

    private final RandomAccessInput in;
    private final String name;
    private final long length;
    /** The largest structure read at once: an extensible fmt chunk. */
    private final byte[] b = new byte[40];

    private boolean rf64;
    private long ds64DataBytes = -1;
    private final Map<String, Long> ds64Table = new HashMap<>();

    private WavFormat format;
    private int channels;
    private int sampleRate;
    private int channelMask;

    WavHeaderParser(RandomAccessInput in) throws IOException {
        this.in = in;
        this.name = in.name();
        this.length = in.length();
    }

    WavHeader parse() throws IOException {
        if (length < 12) {
            throw bad("not a WAV file: " + length + " bytes, shorter than a RIFF header");
        }
        read(0, 12);
        String riff = fourcc(b, 0);
        switch (riff) {
            case "RIFF" -> rf64 = false;
            case "RF64", "BW64" -> rf64 = true;
            case "RIFX" -> throw bad("big-endian WAV (RIFX) is not supported");
            default -> throw bad("not a WAV file: starts with '" + riff + "', not RIFF or RF64");
        }
        if (!"WAVE".equals(fourcc(b, 8))) {
            throw bad("RIFF form '" + fourcc(b, 8) + "' is not WAVE");
        }
        boolean fmtSeen = false;
        long dataOffset = -1;
        long dataBytes = -1;
        long pos = 12;
        int chunks = 0;
        while (!fmtSeen || dataOffset < 0) {
            if (pos > length - 8) {
                throw bad("no " + (fmtSeen ? "data" : "fmt") + " chunk before the end of the file at byte "
                        + length);
            }
            if (++chunks > WavReader.MAX_CHUNKS) {
                throw bad("more than " + WavReader.MAX_CHUNKS + " chunks before the audio data");
            }
            read(pos, 8);
            String id = fourcc(b, 0);
            long size = u32(b, 4);
            long body = pos + 8;
            if (rf64 && size == NO_SIZE) {
                size = ds64Size(id, pos);
            }
            if ("data".equals(id)) {
                dataOffset = body;
                dataBytes = size;
                if (!fmtSeen && size > length - body) {
                    throw bad("truncated: the data chunk at byte " + pos + " declares " + size
                            + " bytes but only " + (length - body) + " follow");
                }
            } else {
                if (size > length - body) {
                    throw bad("chunk '" + id + "' at byte " + pos + " declares " + size
                            + " bytes but the file ends at byte " + length);
                }
                if ("fmt ".equals(id)) {
                    if (fmtSeen) {
                        throw bad("a second fmt chunk at byte " + pos);
                    }
                    parseFmt(body, size);
                    fmtSeen = true;
                } else if ("ds64".equals(id) && rf64) {
                    if (chunks != 1) {
                        throw bad("the ds64 chunk at byte " + pos + " is not the first chunk");
                    }
                    parseDs64(body, size);
                }
            }
            // A chunk of odd size is followed by a pad byte that its size does not count.
            pos = body + size + (size & 1);
        }
        int blockAlign = channels * format.bytesPerSample();
        long available = length - dataOffset;
        if (dataBytes > available) {
            throw bad("truncated: the data chunk declares " + dataBytes + " bytes (" + dataBytes / blockAlign
                    + " frames) but only " + available + " bytes follow its header at byte " + dataOffset
                    + (dataBytes == NO_SIZE ? " (0xFFFFFFFF: a size its writer never filled in)" : ""));
        }
        if (dataBytes % blockAlign != 0) {
            throw bad("the data chunk of " + dataBytes + " bytes is not a whole number of " + blockAlign
                    + "-byte frames (" + channels + " channels of " + format.bitsPerSample() + " bits)");
        }
        if (dataBytes == 0 && available > 0) {
            throw bad("the data chunk declares 0 bytes but " + available + " bytes follow it (a size its"
                    + " writer never filled in?)");
        }
        return new WavHeader(format, channels, sampleRate, dataBytes / blockAlign, dataOffset, channelMask, rf64);
    }

    /** The 64-bit size of a chunk whose 32-bit size is the RF64 placeholder 0xFFFFFFFF. */
    private long ds64Size(String id, long pos) throws BadInputException {
        if ("data".equals(id) && ds64DataBytes >= 0) {
            return ds64DataBytes;
        }
        Long s = ds64Table.get(id);
        if (s == null) {
            throw bad("chunk '" + id + "' at byte " + pos + " has the RF64 size placeholder but no size in a"
                    + " ds64 chunk before it");
        }
        return s;
    }

    /** ds64: RIFF size, data size, sample count (8 bytes each), then a table of chunk sizes. */
    private void parseDs64(long body, long size) throws IOException {
        if (size < 28) {
            throw bad("ds64 chunk of " + size + " bytes, shorter than the 28 it needs");
        }
        read(body, 28);
        ds64DataBytes = s64(b, 8);
        if (ds64DataBytes < 0) {
            throw bad("ds64 declares a data size of 2^63 bytes or more");
        }
        long entries = u32(b, 24);
        if (entries > (size - 28) / 12) {
            throw bad("ds64 declares " + entries + " table entries but has room for " + (size - 28) / 12);
        }
        if (entries > 64) {
            throw bad("ds64 declares " + entries + " table entries; at most 64 are accepted");
        }
        for (int k = 0; k < entries; k++) {
            read(body + 28 + 12L * k, 12);
            long s = s64(b, 4);
            if (s < 0) {
                throw bad("ds64 declares a size of 2^63 bytes or more for chunk '" + fourcc(b, 0) + "'");
            }
            ds64Table.put(fourcc(b, 0), s);
        }
    }

    private void parseFmt(long body, long size) throws IOException {
        if (size < 16) {
            throw bad("fmt chunk of " + size + " bytes, shorter than the 16 every format needs");
        }
        read(body, (int) Math.min(size, b.length));
        int tag = u16(b, 0);
        int nChannels = u16(b, 2);
        long rate = u32(b, 4);
        int blockAlign = u16(b, 12);
        int bits = u16(b, 14);
        int code = tag;
        int validBits = bits;
        if (tag == FORMAT_EXTENSIBLE) {
            if (size < 40 || u16(b, 16) < 22) {
                throw bad("WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size + " bytes (extension "
                        + (size >= 18 ? u16(b, 16) : 0) + " bytes), shorter than the 40 (22) it needs");
            }
            validBits = u16(b, 18);
            channelMask = (int) u32(b, 20);
            code = u16(b, 24);
            if (!Arrays.equals(b, 26, 40, GUID_TAIL, 0, GUID_TAIL.length)) {
                throw bad("unsupported WAVE_FORMAT_EXTENSIBLE sub-format " + guid(b, 24)
                        + "; only PCM and IEEE float are read");
            }
        }
        if (code != FORMAT_PCM && code != FORMAT_FLOAT) {
            throw bad("unsupported encoding: " + encodingName(code) + " (format tag 0x"
                    + String.format("%04X", code) + "); only PCM and IEEE float are read");
        }
        if (nChannels == 0) {
            throw bad("zero channels");
        }
        if (rate == 0) {
            throw bad("zero sample rate");
        }
        if (rate > Integer.MAX_VALUE) {
            throw bad("sample rate of " + rate + " Hz is out of range");
        }
        boolean isFloat = code == FORMAT_FLOAT;
        WavFormat f = WavFormat.of(isFloat, bits);
        if (f == null) {
            throw bad("unsupported " + (isFloat ? "IEEE float" : "PCM") + " sample size of " + bits + " bits;"
                    + (isFloat ? " 32 or 64" : " 8, 16, 24 or 32") + " are read");
        }
        // Extensible files may carry fewer valid bits in a wider container (e.g. 20 in 24);
        // the samples are left-justified, so scaling by the container size stays right.
        if (validBits > bits) {
            throw bad(validBits + " valid bits in a " + bits + "-bit sample");
        }
        if (blockAlign != nChannels * f.bytesPerSample()) {
            throw bad("block align of " + blockAlign + " bytes does not match " + nChannels + " channels of "
                    + bits + " bits (expected " + nChannels * f.bytesPerSample() + ")");
        }
        format = f;
        channels = nChannels;
        sampleRate = (int) rate;
    }

    private void read(long pos, int len) throws IOException {
        try {
            in.readFully(pos, b, 0, len);
        } catch (EOFException e) {
            throw new BadInputException(name, "file ended before byte " + (pos + len) + " of its header", e);
        }
    }

    private BadInputException bad(String problem) {
        return new BadInputException(name, problem);
    }

    private static String guid(byte[] b, int i) {
        return String.format("%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", u32(b, i), u16(b, i + 4),
                u16(b, i + 6), b[i + 8], b[i + 9], b[i + 10], b[i + 11], b[i + 12], b[i + 13], b[i + 14], b[i + 15]);
    }

    /** Names of the common format tags this reader refuses, so that the message says what it is. */
    static String encodingName(int tag) {
        return switch (tag) {
            case 0x0000 -> "WAVE_FORMAT_UNKNOWN";
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0040 -> "G.721 ADPCM";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MPEG Layer 3";
            case 0x0092 -> "Dolby AC-3 SPDIF";
            case 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x2000 -> "AC-3";
            case 0xF1AC -> "FLAC";
            default -> "unknown";
        };
    }
}
