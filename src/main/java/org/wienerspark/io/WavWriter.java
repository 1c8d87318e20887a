package org.wienerspark.io;

import static org.wienerspark.io.LittleEndian.putFourcc;
import static org.wienerspark.io.LittleEndian.putU16;
import static org.wienerspark.io.LittleEndian.putU32;
import static org.wienerspark.io.LittleEndian.putU64;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a WAV file as a stream, frames appended in order, so a whole track never has to be in
 * memory.
 *
 * <p>Hadoop output streams cannot seek back to patch sizes, so the frame count is declared up
 * front and the complete header is written first; {@link #close()} fails if a different number
 * of frames was appended (the file is then incomplete and the reader refuses it as truncated).
 * Files whose RIFF size would exceed 4 GiB are written as RF64 (ds64 chunk).
 *
 * <p>Header: {@code fmt } as WAVE_FORMAT_EXTENSIBLE for more than 2 channels or integer samples
 * of more than 16 bits (as the format's specification asks), otherwise PCM (1) or IEEE float
 * (3); float files carry a {@code fact} chunk. The channel mask is front centre for mono, front
 * left/right for stereo and 0 (no speaker positions) otherwise.
 *
 * <p>Integer samples: {@code round(x * 2^(bits-1))} (round half to even), clipped to
 * {@code [-2^(bits-1), 2^(bits-1) - 1]}, the inverse of the reader's scaling; 8-bit adds 128. A
 * sample counts as clipped when its rounded value falls outside that range (so 1.0 is clipped)
 * or is NaN (written as 0); see {@link #clippedSamples()}. Floats are written as given, never
 * clipped. Not thread-safe.
 */
public final class WavWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final long NO_SIZE = 0xFFFFFFFFL;

    private final OutputStream out;
    private final String name;
    private final WavHeader header;
    private final byte[] buffer;
    private int used;
    /** Quantized samples of one buffer (integer formats). */
    private int[] pcm = new int[0];
    private long framesWritten;
    private long clipped;
    private boolean closed;

    /**
     * Writes the header to {@code out} and returns a writer for the samples; the writer owns
     * {@code out} and closes it.
     *
     * @param name        the file name for messages
     * @param totalFrames the exact number of frames that will be appended
     * @throws IllegalArgumentException when WAV cannot describe the format (e.g. a frame of more
     *                                  than 65535 bytes)
     */
    public WavWriter(OutputStream out, String name, int channels, int sampleRate, WavFormat format,
                     long totalFrames) throws IOException {
        this(out, name, channels, sampleRate, format, totalFrames, false);
    }

    /** As the public constructor; {@code forceRf64} writes RF64 for any size (for tests). */
    WavWriter(OutputStream out, String name, int channels, int sampleRate, WavFormat format, long totalFrames,
              boolean forceRf64) throws IOException {
        checkFormat(name, channels, sampleRate, format, totalFrames);
        int blockAlign = channels * format.bytesPerSample();
        this.out = out;
        this.name = name;
        byte[] head = headerBytes(channels, sampleRate, format, totalFrames, forceRf64);
        this.header = new WavHeader(format, channels, sampleRate, totalFrames, head.length, channelMask(channels),
                forceRf64 || isRf64(head));
        this.buffer = new byte[Math.max(BUFFER_BYTES / blockAlign, 1) * blockAlign];
        out.write(head);
    }

    /** Refuses what WAV cannot describe, before anything is created or written. */
    static void checkFormat(String name, int channels, int sampleRate, WavFormat format, long totalFrames) {
        if (format == null || channels < 1 || sampleRate < 1 || totalFrames < 0) {
            throw new IllegalArgumentException(name + ": cannot write " + format + ", " + channels + " channels, "
                    + sampleRate + " Hz, " + totalFrames + " frames");
        }
        int blockAlign = channels * format.bytesPerSample();
        if (blockAlign > 0xFFFF || (long) sampleRate * blockAlign > NO_SIZE) {
            throw new IllegalArgumentException(name + ": " + channels + " channels of " + format + " at " + sampleRate
                    + " Hz exceed WAV's 16-bit block align or 32-bit byte rate");
        }
        if (totalFrames > (Long.MAX_VALUE - 1024) / blockAlign) {
            throw new IllegalArgumentException(name + ": " + totalFrames + " frames are too many for a file");
        }
    }

    /** The header written: format, channels, rate, the declared frames and the data offset. */
    public WavHeader header() {
        return header;
    }

    /** Frames appended so far. */
    public long framesWritten() {
        return framesWritten;
    }

    /** Integer samples clipped (or NaN written as 0) so far; always 0 for float formats. */
    public long clippedSamples() {
        return clipped;
    }

    /**
     * Appends {@code frames} frames from {@code samples} (input, not modified), shape (frames,
     * channels) interleaved, starting at {@code offset}.
     *
     * @throws IllegalStateException when the writer is closed or the frames would exceed the
     *                               declared total (nothing is written then)
     */
    public void append(double[] samples, int offset, int frames) throws IOException {
        checkAppend(samples.length, offset, frames);
        int channels = header.channels();
        int blockAlign = header.blockAlign();
        int bytesPerSample = header.format().bytesPerSample();
        int s = offset;
        int remaining = frames;
        while (remaining > 0) {
            int n = Math.min(remaining, (buffer.length - used) / blockAlign);
            if (n == 0) {
                flushBuffer();
                continue;
            }
            int count = n * channels;
            encode(samples, s, count, used);
            used += count * bytesPerSample;
            s += count;
            remaining -= n;
            framesWritten += n;
        }
    }

    /**
     * Appends {@code frames} frames of samples already quantized by {@link PcmQuantizer} for this
     * writer's format (16 bits or fewer), from {@code q[offset]}: the same bytes as appending the
     * doubles they came from. Their clipped samples were counted by the quantizer, not here.
     *
     * @throws IllegalArgumentException for a float or wider format, or a range outside {@code q}
     * @throws IllegalStateException    as {@link #append}
     */
    public void appendPcm(short[] q, int offset, int frames) throws IOException {
        if (!PcmQuantizer.fitsShort(header.format())) {
            throw new IllegalArgumentException(name + ": 16-bit samples cannot be written as " + header.format());
        }
        checkAppend(q.length, offset, frames);
        int blockAlign = header.blockAlign();
        int channels = header.channels();
        int s = offset;
        int remaining = frames;
        while (remaining > 0) {
            int n = Math.min(remaining, (buffer.length - used) / blockAlign);
            if (n == 0) {
                flushBuffer();
                continue;
            }
            int count = n * channels;
            byte[] b = buffer;
            if (header.format() == WavFormat.PCM_16) {
                for (int i = 0, j = used; i < count; i++, j += 2) {
                    short v = q[s + i];
                    b[j] = (byte) v;
                    b[j + 1] = (byte) (v >> 8);
                }
            } else {
                for (int i = 0, j = used; i < count; i++, j++) {
                    b[j] = (byte) (q[s + i] + 128);
                }
            }
            used += count * header.format().bytesPerSample();
            s += count;
            remaining -= n;
            framesWritten += n;
        }
    }

    private void checkAppend(int length, int offset, int frames) {
        if (closed) {
            throw new IllegalStateException(name + ": append after close");
        }
        int channels = header.channels();
        if (offset < 0 || frames < 0 || offset > length || (long) frames * channels > length - offset) {
            throw new IllegalArgumentException(name + ": " + frames + " frames of " + channels
                    + " channels from offset " + offset + " exceed an array of " + length);
        }
        if (frames > header.frames() - framesWritten) {
            throw new IllegalStateException(name + ": appending " + frames + " frames to " + framesWritten
                    + " would exceed the declared " + header.frames());
        }
    }

    /**
     * Writes what is buffered and the pad byte, and closes the stream.
     *
     * @throws IOException also when the frames appended differ from the declared total; the
     *                     stream is closed all the same
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream o = out) {
            flushBuffer();
            if (framesWritten == header.frames() && (header.dataBytes() & 1) == 1) {
                o.write(0);
            }
        }
        if (framesWritten != header.frames()) {
            throw new IOException(name + ": " + framesWritten + " frames were written but the header declares "
                    + header.frames() + "; the file is incomplete");
        }
    }

    private void flushBuffer() throws IOException {
        out.write(buffer, 0, used);
        used = 0;
    }

    /** Encodes {@code count} samples from {@code x[s]} into the buffer from byte {@code j}. */
    private void encode(double[] x, int s, int count, int j) {
        byte[] b = buffer;
        WavFormat format = header.format();
        switch (format) {
            case FLOAT_32 -> {
                for (int i = 0; i < count; i++, j += 4) {
                    putU32(b, j, Float.floatToRawIntBits((float) x[s + i]));
                }
            }
            case FLOAT_64 -> {
                for (int i = 0; i < count; i++, j += 8) {
                    putU64(b, j, Double.doubleToRawLongBits(x[s + i]));
                }
            }
            default -> {
                int bytes = format.bytesPerSample();
                int bias = format == WavFormat.PCM_U8 ? 128 : 0;
                if (pcm.length < count) {
                    pcm = new int[count];
                }
                clipped += PcmQuantizer.quantize(x, s, count, format, pcm, 0);
                for (int i = 0; i < count; i++, j += bytes) {
                    int q = pcm[i] + bias;
                    for (int k = 0; k < bytes; k++) {
                        b[j + k] = (byte) (q >>> (8 * k));
                    }
                }
            }
        }
    }

    private static int channelMask(int channels) {
        return channels == 1 ? 0x4 : channels == 2 ? 0x3 : 0;
    }

    private static boolean isRf64(byte[] head) {
        return head[0] == 'R' && head[1] == 'F';
    }

    /** The bytes before the first sample. */
    static byte[] headerBytes(int channels, int sampleRate, WavFormat format, long frames, boolean forceRf64) {
        int blockAlign = channels * format.bytesPerSample();
        boolean extensible = channels > 2 || (!format.isFloat() && format.bitsPerSample() > 16);
        int fmtBytes = extensible ? 40 : format.isFloat() ? 18 : 16;
        int factBytes = format.isFloat() ? 12 : 0;
        long dataBytes = frames * blockAlign;
        long riffBytes = 4 + 8 + fmtBytes + factBytes + 8 + dataBytes + (dataBytes & 1);
        boolean rf64 = forceRf64 || riffBytes >= NO_SIZE;
        if (rf64) {
            riffBytes += 36;
        }
        byte[] h = new byte[12 + (rf64 ? 36 : 0) + 8 + fmtBytes + factBytes + 8];
        putFourcc(h, 0, rf64 ? "RF64" : "RIFF");
        putU32(h, 4, rf64 ? NO_SIZE : riffBytes);
        putFourcc(h, 8, "WAVE");
        int p = 12;
        if (rf64) {
            putFourcc(h, p, "ds64");
            putU32(h, p + 4, 28);
            putU64(h, p + 8, riffBytes);
            putU64(h, p + 16, dataBytes);
            putU64(h, p + 24, frames);
            putU32(h, p + 32, 0);
            p += 36;
        }
        putFourcc(h, p, "fmt ");
        putU32(h, p + 4, fmtBytes);
        putU16(h, p + 8, extensible ? 0xFFFE : format.isFloat() ? 3 : 1);
        putU16(h, p + 10, channels);
        putU32(h, p + 12, sampleRate);
        putU32(h, p + 16, (long) sampleRate * blockAlign);
        putU16(h, p + 20, blockAlign);
        putU16(h, p + 22, format.bitsPerSample());
        if (fmtBytes >= 18) {
            putU16(h, p + 24, fmtBytes - 18);
        }
        if (extensible) {
            putU16(h, p + 26, format.bitsPerSample());
            putU32(h, p + 28, channelMask(channels));
            // KSDATAFORMAT_SUBTYPE_PCM or _IEEE_FLOAT: the format tag, then a fixed tail.
            byte[] guid = {0, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
            putU16(guid, 0, format.isFloat() ? 3 : 1);
            System.arraycopy(guid, 0, h, p + 32, 16);
        }
        p += 8 + fmtBytes;
        if (factBytes > 0) {
            putFourcc(h, p, "fact");
            putU32(h, p + 4, 4);
            putU32(h, p + 8, rf64 || frames > NO_SIZE ? NO_SIZE : frames);
            p += factBytes;
        }
        putFourcc(h, p, "data");
        putU32(h, p + 4, rf64 ? NO_SIZE : dataBytes);
        return h;
    }
}
