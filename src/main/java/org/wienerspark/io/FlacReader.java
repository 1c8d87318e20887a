package org.wienerspark.io;

import java.io.EOFException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Reads ranges of frames from a FLAC file by position, decoding only the FLAC frames that overlap
 * the range.
 *
 * <p>Hand-written rather than a library, because none on Maven Central fits: jflac-codec (LGPL,
 * last release 1.5.2 in 2017) seeks only through its own {@code RandomFileInputStream}, a local
 * {@code RandomAccessFile}, so not through Hadoop's FileSystem, and allocates from declared
 * sizes; java-flac-encoder (LGPL, 0.3.8 in 2017) encodes only. Decoding FLAC is a small, fully
 * specified format (RFC 9639), and a hand-written decoder can keep the hostile-input guarantees of
 * {@link WavReader}.
 *
 * <p>Random access: a FLAC frame does not say its length, so the reader needs the byte offset of
 * the frame that holds a range's first sample. It starts from the nearest SEEKTABLE point before
 * that sample (or the first frame) and walks frame headers forward, found by their sync code and
 * accepted only with a valid CRC-8, the stream's channel count and depth, and the expected
 * frame or sample number; the frames it skips are not decoded. Without a seek table the headers
 * walked are kept as an index of frame offsets, built once per reader and extended as reads go
 * further, so later reads jump straight to their frame; consecutive reads continue from where the
 * last one stopped.
 *
 * <p>Decoded: 4-32 bits per sample, 1-8 channels, constant, verbatim, fixed (orders 0-4) and LPC
 * (orders 1-32) subframes, Rice and Rice2 partitions with escape codes, wasted bits, left/side,
 * side/right and mid/side stereo, fixed and variable block sizes; metadata blocks other than
 * STREAMINFO and SEEKTABLE are skipped by their length, and an ID3v2 tag before the stream is
 * skipped. Every frame's CRC-16 is checked; {@link #verifyMd5()} checks the whole stream's MD5.
 *
 * <p>Refused, with a {@link BadInputException} naming the file and the problem: a file that is
 * not FLAC, a metadata block running past the end of the file, a STREAMINFO out of range
 * (no channels, rate 0, more samples than the file's bytes can hold), a truncated stream, a frame
 * whose header, subframes or CRC-16 are invalid, and decoded samples outside the declared bit
 * depth. Nothing is allocated from a declared size before it is checked against the file length;
 * a frame's decoding buffers grow only to the block size of frames actually met, and the read
 * window only to bytes the file has. Not thread-safe; open one reader per task.
 *
 * <p>The parts: {@link FlacMetadata} reads and checks the metadata blocks, {@link FlacFrameIndex}
 * finds where frames start, {@link FlacFrameDecoder} decodes a frame; this class turns decoded
 * frames into the scaled, interleaved ranges of {@link AudioReader} and checks the MD5.
 */
public final class FlacReader implements AudioReader {

    private final RandomAccessInput in;
    private final String name;
    private final long length;
    private final FlacStreamInfo info;
    private final AudioInfo audioInfo;
    private final long audioStart;
    private final long frames;
    private final FlacFrameIndex index;
    private final FlacFrameDecoder decoder;

    private FlacReader(RandomAccessInput in) throws IOException {
        this.in = in;
        this.name = in.name();
        this.length = in.length();
        FlacMetadata m = FlacMetadata.read(in, length);
        this.info = m.info();
        this.audioStart = m.audioStart();
        FlacBitReader br = new FlacBitReader(in, length);
        this.index = new FlacFrameIndex(name, length, m, br);
        this.decoder = new FlacFrameDecoder(br, index, info, length);
        this.frames = index.frames();
        this.audioInfo = new AudioInfo(AudioContainer.FLAC, containerFormat(info.bitsPerSample()),
                info.bitsPerSample(), info.channels(), info.sampleRate(), frames);
    }
    /**
     * Parses the metadata of {@code in} and returns a reader over it; the reader owns {@code in}
     * and closes it (also when the file is refused).
     */
    public static FlacReader open(RandomAccessInput in) throws IOException {
        try {
            return new FlacReader(in);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AudioInfo info() {
        return audioInfo;
    }

    /** The checked STREAMINFO block (its total may be 0 = unknown; {@link #info()} has the count). */
    public FlacStreamInfo streamInfo() {
        return info;
    }

    /** Whether a usable SEEKTABLE seeded the index of frame offsets (otherwise it starts at the first frame). */
    public boolean hasSeekTable() {
        return index.hasSeekTable();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public double[] read(long startFrame, long endFrame) throws IOException {
        checkRange(startFrame, endFrame);
        long samples = (endFrame - startFrame) * info.channels();
        if (samples > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": frames [" + startFrame + ", " + endFrame + ") of "
                    + info.channels() + " channels exceed one Java array; read smaller ranges");
        }
        if (samples > (1 << 17) && samples > 4 * length) {
            // More output than the file's bytes would justify at usual compression: walk the frame
            // headers to the end of the range first, so that a STREAMINFO that declares samples
            // the file does not hold is refused before the array is allocated.
            try {
                index.locate(endFrame - 1);
            } catch (EOFException e) {
                throw bad("truncated: the file ends before sample " + endFrame, e);
            }
        }
        double[] out = new double[(int) samples];
        read(startFrame, endFrame, out, 0);
        return out;
    }

    @Override
    public void read(long startFrame, long endFrame, double[] out, int offset) throws IOException {
        checkRange(startFrame, endFrame);
        int channels = info.channels();
        long samples = (endFrame - startFrame) * channels;
        if (offset < 0 || offset > out.length || samples > out.length - offset) {
            throw new IllegalArgumentException(name + ": " + samples + " samples do not fit in an array of "
                    + out.length + " from offset " + offset);
        }
        if (startFrame == endFrame) {
            return;
        }
        long pos = -1;
        try {
            long s;
            long decoded = decoder.sample();
            if (decoded >= 0 && decoded <= startFrame && startFrame < decoded + decoder.size()) {
                s = decoded;
            } else {
                long[] located = index.locate(startFrame);
                s = located[0];
                pos = located[1];
                decoder.decode(pos, s);
            }
            while (true) {
                copy(s, startFrame, endFrame, out, offset);
                long next = s + decoder.size();
                index.decoded(s, next, decoder.end());
                if (next >= endFrame) {
                    break;
                }
                pos = decoder.end();
                s = next;
                decoder.decode(pos, s);
            }
        } catch (EOFException e) {
            throw bad("truncated: the file ends inside the frame at byte " + pos + " although STREAMINFO declares "
                    + frames + " samples", e);
        } catch (FlacFrameException e) {
            throw bad("corrupt frame at byte " + pos + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes the whole stream and checks it against the MD5 in STREAMINFO.
     *
     * @return true when checked, false when the file stores no MD5
     * @throws BadInputException when the samples do not match it, or a frame is broken
     */
    public boolean verifyMd5() throws IOException {
        if (!info.hasMd5()) {
            return false;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int bytes = (info.bitsPerSample() + 7) / 8;
        int channels = info.channels();
        byte[] b = new byte[0];
        long pos = audioStart;
        try {
            for (long s = 0; s < frames; s += decoder.size()) {
                decoder.decode(pos, s);
                int n = (int) Math.min(decoder.size(), frames - s);
                if (b.length < n * channels * bytes) {
                    b = new byte[n * channels * bytes];
                }
                int j = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        long v = decoder.channel(c)[i];
                        for (int k = 0; k < bytes; k++) {
                            b[j++] = (byte) (v >>> (8 * k));
                        }
                    }
                }
                md5.update(b, 0, j);
                pos = decoder.end();
            }
        } catch (EOFException e) {
            throw bad("truncated: the file ends inside the frame at byte " + pos, e);
        } catch (FlacFrameException e) {
            throw bad("corrupt frame at byte " + pos + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(md5.digest(), info.md5())) {
            throw bad("the decoded samples do not match the MD5 in STREAMINFO");
        }
        return true;
    }

    private void checkRange(long startFrame, long endFrame) {
        if (startFrame < 0 || startFrame > endFrame || endFrame > frames) {
            throw new IllegalArgumentException(name + ": frames [" + startFrame + ", " + endFrame
                    + ") outside [0, " + frames + ")");
        }
    }

    /** Copies the decoded frame (first sample {@code s}) where it overlaps [start, end), scaled. */
    private void copy(long s, long start, long end, double[] out, int offset) throws BadInputException {
        int channels = info.channels();
        int from = (int) Math.max(0, start - s);
        int to = (int) Math.min(decoder.size(), end - s);
        int bits = info.bitsPerSample();
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        double scale = 1.0 / (1L << (bits - 1));
        long bad = 0;
        for (int c = 0; c < channels; c++) {
            long[] x = decoder.channel(c);
            int o = offset + (int) ((s + from - start) * channels) + c;
            for (int i = from; i < to; i++, o += channels) {
                long v = x[i];
                if (v < min || v > max) {
                    bad = 1;
                }
                out[o] = v * scale;
            }
        }
        if (bad != 0) {
            throw bad("the frame at sample " + s + " decodes to values outside " + bits + " bits");
        }
    }

    /** The WAV sample encoding that holds {@code bits}-bit integers exactly. */
    static WavFormat containerFormat(int bits) {
        return bits <= 8 ? WavFormat.PCM_U8 : bits <= 16 ? WavFormat.PCM_16 : bits <= 24 ? WavFormat.PCM_24
                : WavFormat.PCM_32;
    }

    private BadInputException bad(String problem) {
        return new BadInputException(name, problem);
    }

    private BadInputException bad(String problem, Throwable cause) {
        return new BadInputException(name, problem, cause);
    }
}
