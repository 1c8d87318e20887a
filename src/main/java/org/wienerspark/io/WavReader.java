package org.wienerspark.io;


import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

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
        return new WavHeaderParser(in).parse();
    }
}
