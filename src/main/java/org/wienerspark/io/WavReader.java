package org.wienerspark.io;

import static org.wienerspark.io.LittleEndian.fourcc;
import static org.wienerspark.io.LittleEndian.s64;
import static org.wienerspark.io.LittleEndian.u16;
import static org.wienerspark.io.LittleEndian.u32;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads ranges of frames from a WAV file by position, so that a task reads only its block.
 *
 * <p>Accepted: RIFF/WAVE and RF64/BW64 (ds64 chunk); format tags PCM (1), IEEE float (3) and
 * WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the PCM or IEEE float sub-format; 8-bit unsigned,
 * 16/24/32-bit signed integer and 32/64-bit float samples; any channel count and sample rate.
 * Chunks other than {@code fmt }, {@code data} and {@code ds64} are skipped (with the pad byte
 * that follows a chunk of odd size); the walk stops once both {@code fmt } and {@code data} are
 * found, so chunks after the data are never read.
 *
 * <p>Refused, with a {@link BadInputException} naming the file and the problem:
 * <ul>
 *   <li>a data chunk that declares more bytes than the file holds (truncated, or still being
 *       written). It is not clamped: a shortened input would silently give a shortened output,
 *       and a run must either produce a track completely or say why not;</li>
 *   <li>a data size that is not a whole number of frames, or 0 with bytes following it (a header
 *       its writer never patched);</li>
 *   <li>any other chunk that runs past the end of the file, a {@code fmt } chunk too short for
 *       its format tag, a block align that disagrees with channels and bits;</li>
 *   <li>encodings other than PCM and float (ADPCM, A-law, mu-law, MP3, ... are named), sample
 *       sizes without a {@link WavFormat}, zero channels, a zero sample rate;</li>
 *   <li>more than {@value #MAX_CHUNKS} chunks before the data (a hostile file of empty chunks
 *       would otherwise cost one read per 8 bytes).</li>
 * </ul>
 * Tolerated: a RIFF size field that disagrees with the file length (writers commonly get it
 * wrong by the pad byte or leave a placeholder; every chunk is checked against the real length
 * instead), and a wrong byte rate (redundant; never used).
 *
 * <p>Nothing is allocated from a declared size: the header parse reads fixed small structures,
 * and a range read allocates only for frames that the checked header places inside the file.
 * Not thread-safe (one reusable buffer); open one reader per task.
 */
public final class WavReader implements Closeable {

    static final int MAX_CHUNKS = 1024;
    /** Bytes read at once; bounds the memory of a range read besides its output. */
    private static final int MAX_BUFFER_BYTES = 1 << 20;
    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2-15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a format tag. */
    private static final byte[] GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
        (byte) 0x9B, 0x71};
    private static final long NO_SIZE = 0xFFFFFFFFL;

    private final RandomAccessInput in;
    private final WavHeader header;
    private byte[] buffer = new byte[0];

    private WavReader(RandomAccessInput in, WavHeader header) {
        this.in = in;
        this.header = header;
    }

    /**
     * Parses the header of {@code in} and returns a reader over it; the reader owns {@code in}
     * and closes it (also when the header is refused).
     */
    public static WavReader open(RandomAccessInput in) throws IOException {
        try {
            return new WavReader(in, readHeader(in));
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The checked header. */
    public WavHeader header() {
        return header;
    }

    /** The file name used in messages. */
    public String name() {
        return in.name();
    }

    /**
     * Reads frames {@code [startFrame, endFrame)}.
     *
     * @return samples, shape (endFrame - startFrame, channels), interleaved frame by frame
     */
    public double[] read(long startFrame, long endFrame) throws IOException {
        checkRange(startFrame, endFrame);
        long samples = (endFrame - startFrame) * header.channels();
        if (samples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(in.name() + ": frames [" + startFrame + ", " + endFrame + ") of "
                    + header.channels() + " channels exceed one Java array; read smaller ranges");
        }
        double[] out = new double[(int) samples];
        read(startFrame, endFrame, out, 0);
        return out;
    }

    /**
     * Reads frames {@code [startFrame, endFrame)} into {@code out} from {@code offset}, shape
     * (endFrame - startFrame, channels) interleaved; {@code out}: output, overwritten in that
     * range.
     */
    public void read(long startFrame, long endFrame, double[] out, int offset) throws IOException {
        checkRange(startFrame, endFrame);
        int channels = header.channels();
        long samples = (endFrame - startFrame) * channels;
        if (offset < 0 || offset > out.length || samples > out.length - offset) {
            throw new IllegalArgumentException(in.name() + ": " + samples + " samples do not fit in an array of "
                    + out.length + " from offset " + offset);
        }
        int blockAlign = header.blockAlign();
        int bytesPerSample = header.format().bytesPerSample();
        int framesPerRead = Math.max(1, MAX_BUFFER_BYTES / blockAlign);
        long remaining = endFrame - startFrame;
        int bufferBytes = (int) Math.min(remaining, framesPerRead) * blockAlign;
        if (buffer.length < bufferBytes) {
            buffer = new byte[bufferBytes];
        }
        long pos = header.dataOffset() + startFrame * blockAlign;
        int o = offset;
        while (remaining > 0) {
            int n = (int) Math.min(remaining, framesPerRead);
            int bytes = n * blockAlign;
            try {
                in.readFully(pos, buffer, 0, bytes);
            } catch (EOFException e) {
                // The header was checked against the length, so the file shrank since.
                throw new BadInputException(in.name(), "file ended before byte " + (pos + bytes)
                        + " although its header places " + header.frames() + " frames there; was it truncated"
                        + " while being read?", e);
            }
            decode(header.format(), buffer, bytes / bytesPerSample, out, o);
            o += n * channels;
            pos += bytes;
            remaining -= n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void checkRange(long startFrame, long endFrame) {
        if (startFrame < 0 || startFrame > endFrame || endFrame > header.frames()) {
            throw new IllegalArgumentException(in.name() + ": frames [" + startFrame + ", " + endFrame
                    + ") outside [0, " + header.frames() + ")");
        }
    }

    /** Decodes {@code count} samples from {@code b} into {@code out} from {@code o}. */
    private static void decode(WavFormat format, byte[] b, int count, double[] out, int o) {
        switch (format) {
            case PCM_U8 -> {
                for (int i = 0; i < count; i++) {
                    out[o + i] = ((b[i] & 0xff) - 128) * (1.0 / 128);
                }
            }
            case PCM_16 -> {
                for (int i = 0, j = 0; i < count; i++, j += 2) {
                    out[o + i] = (short) ((b[j] & 0xff) | b[j + 1] << 8) * (1.0 / 32768);
                }
            }
            case PCM_24 -> {
                for (int i = 0, j = 0; i < count; i++, j += 3) {
                    // The top byte is signed, so the shift sign-extends the 24-bit value.
                    out[o + i] = ((b[j] & 0xff) | (b[j + 1] & 0xff) << 8 | b[j + 2] << 16) * (1.0 / 8388608);
                }
            }
            case PCM_32 -> {
                for (int i = 0, j = 0; i < count; i++, j += 4) {
                    out[o + i] = int32(b, j) * (1.0 / 2147483648.0);
                }
            }
            case FLOAT_32 -> {
                for (int i = 0, j = 0; i < count; i++, j += 4) {
                    out[o + i] = Float.intBitsToFloat(int32(b, j));
                }
            }
            case FLOAT_64 -> {
                for (int i = 0, j = 0; i < count; i++, j += 8) {
                    out[o + i] = Double.longBitsToDouble((int32(b, j) & 0xffffffffL) | (long) int32(b, j + 4) << 32);
                }
            }
            default -> throw new AssertionError(format);
        }
    }

    private static int int32(byte[] b, int j) {
        return (b[j] & 0xff) | (b[j + 1] & 0xff) << 8 | (b[j + 2] & 0xff) << 16 | b[j + 3] << 24;
    }

    /** Reads and checks the header of a WAV file; see the class comment for what is refused. */
    public static WavHeader readHeader(RandomAccessInput in) throws IOException {
        return new HeaderParser(in).parse();
    }

    /** One parse: the file, its length and a scratch buffer for the fixed-size structures. */
    private static final class HeaderParser {
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

        HeaderParser(RandomAccessInput in) throws IOException {
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
                if (++chunks > MAX_CHUNKS) {
                    throw bad("more than " + MAX_CHUNKS + " chunks before the audio data");
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
