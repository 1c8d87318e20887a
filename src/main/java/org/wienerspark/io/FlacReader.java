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
 */
public final class FlacReader implements AudioReader {

    static final int MAX_METADATA_BLOCKS = 4096;
    /** The fewest bytes a frame can take: a 6-byte header, a 1-byte subframe and the CRC-16. */
    private static final int MIN_FRAME_BYTES = 9;
    private static final int SCAN_BYTES = 1 << 16;
    private static final int STREAMINFO = 0;
    private static final int SEEKTABLE = 3;

    private final RandomAccessInput in;
    private final String name;
    private final long length;
    private final FlacStreamInfo info;
    private final AudioInfo audioInfo;
    private final long audioStart;
    private final long frames;
    private final boolean variable;
    /** Block size of every frame but the last, for fixed-block-size streams. */
    private final int fixedBlockSize;
    private final boolean hasSeekTable;
    private final FlacBitReader br;
    private final FlacFrameHeader hdr = new FlacFrameHeader();

    /** Known frame starts, sorted: seek points, or (without a seek table) the index walked. */
    private long[] anchorSample;
    private long[] anchorOffset;
    private int anchors;

    /** The frame after the last one decoded, where a following read continues. */
    private long cursorSample = -1;
    private long cursorOffset;

    /** The last frame decoded: its first sample, block size and end. */
    private long decodedSample = -1;
    private int decodedSize;
    private long decodedEnd;
    private long[][] chan = new long[0][];
    private final long[] coefs = new long[32];

    private FlacReader(RandomAccessInput in) throws IOException {
        this.in = in;
        this.name = in.name();
        this.length = in.length();
        Metadata m = readMetadata();
        this.info = m.info;
        this.audioStart = m.audioStart;
        this.br = new FlacBitReader(in, length);
        anchorSample = new long[16];
        anchorOffset = new long[16];
        addAnchor(0, audioStart);
        long total = info.totalSamples();
        int n = audioStart < length ? br.window(audioStart, FlacFrameHeader.MAX_BYTES) : 0;
        if (n == 0 && total == 0) {
            variable = false;
            fixedBlockSize = info.maxBlockSize();
            hasSeekTable = false;
            frames = 0;
        } else {
            if (!hdr.parse(br.buf, br.frameBase, n) || !consistent(hdr)) {
                throw bad(n == 0 ? "truncated: no audio frames after the metadata at byte " + audioStart
                        : "no valid frame header at byte " + audioStart + " where the audio starts");
            }
            variable = hdr.variable;
            fixedBlockSize = hdr.blockSize;
            if (hdr.number != 0) {
                throw bad("the first frame is numbered " + hdr.number + ", not 0");
            }
            hasSeekTable = m.seekSamples != null && useSeekTable(m.seekSamples, m.seekOffsets, total);
            frames = total > 0 ? total : countFrames();
        }
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
        return hasSeekTable;
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
                locate(endFrame - 1);
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
            if (decodedSample >= 0 && decodedSample <= startFrame && startFrame < decodedSample + decodedSize) {
                s = decodedSample;
            } else {
                long[] located = locate(startFrame);
                s = located[0];
                pos = located[1];
                decode(pos, s);
            }
            while (true) {
                copy(s, startFrame, endFrame, out, offset);
                long next = s + decodedSize;
                learn(s, next, decodedEnd);
                cursorSample = next;
                cursorOffset = decodedEnd;
                if (next >= endFrame) {
                    break;
                }
                pos = decodedEnd;
                s = next;
                decode(pos, s);
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
            for (long s = 0; s < frames; s += decodedSize) {
                decode(pos, s);
                int n = (int) Math.min(decodedSize, frames - s);
                if (b.length < n * channels * bytes) {
                    b = new byte[n * channels * bytes];
                }
                int j = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        long v = chan[c][i];
                        for (int k = 0; k < bytes; k++) {
                            b[j++] = (byte) (v >>> (8 * k));
                        }
                    }
                }
                md5.update(b, 0, j);
                pos = decodedEnd;
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
        int to = (int) Math.min(decodedSize, end - s);
        int bits = info.bitsPerSample();
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        double scale = 1.0 / (1L << (bits - 1));
        long bad = 0;
        for (int c = 0; c < channels; c++) {
            long[] x = chan[c];
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

    // ---- random access ----------------------------------------------------------------------

    /** The first sample and byte offset of the frame holding {@code sample}. */
    private long[] locate(long sample) throws IOException {
        int k = anchorBefore(sample);
        long s = anchorSample[k];
        long o = anchorOffset[k];
        if (cursorSample >= 0 && cursorSample <= sample && cursorSample > s) {
            s = cursorSample;
            o = cursorOffset;
        }
        while (true) {
            int n = br.window(o, FlacFrameHeader.MAX_BYTES);
            if (!hdr.parse(br.buf, br.frameBase, n) || !consistent(hdr) || hdr.number != expectedNumber(s)) {
                throw bad("no valid frame for sample " + s + " at byte " + o + " where the "
                        + (hasSeekTable ? "seek table" : "frame index") + " places one");
            }
            int bs = hdr.blockSize;
            if (sample < s + bs) {
                return new long[] {s, o};
            }
            long next = findFrame(o + hdr.length + 1, expectedNumber(s + bs));
            if (next < 0) {
                throw bad("truncated: no frame for sample " + (s + bs) + " after byte " + o + " although STREAMINFO"
                        + " declares " + frames + " samples");
            }
            learn(s, s + bs, next);
            s += bs;
            o = next;
        }
    }

    /** The coded number of the frame starting at sample {@code s}: frame or sample number. */
    private long expectedNumber(long s) {
        return variable ? s : s / fixedBlockSize;
    }

    /** Index of the last anchor at or before {@code sample}. */
    private int anchorBefore(long sample) {
        int lo = 0;
        int hi = anchors - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (anchorSample[mid] <= sample) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void addAnchor(long sample, long offset) {
        insertAnchor(anchors, sample, offset);
    }

    private void insertAnchor(int at, long sample, long offset) {
        if (anchors == anchorSample.length) {
            anchorSample = Arrays.copyOf(anchorSample, anchors * 2);
            anchorOffset = Arrays.copyOf(anchorOffset, anchors * 2);
        }
        System.arraycopy(anchorSample, at, anchorSample, at + 1, anchors - at);
        System.arraycopy(anchorOffset, at, anchorOffset, at + 1, anchors - at);
        anchorSample[at] = sample;
        anchorOffset[at] = offset;
        anchors++;
    }

    /**
     * Adds the frame after the one at sample {@code s} to the index when {@code s} is in it and
     * the next is not: the index grows as chains of consecutive frames from the first frame and
     * from each seek point, so a frame walked once is never walked again.
     */
    private void learn(long s, long next, long nextOffset) {
        if (next >= frames) {
            return;
        }
        int k = anchorBefore(s);
        if (anchorSample[k] == s && (k + 1 == anchors || anchorSample[k + 1] != next)) {
            insertAnchor(k + 1, next, nextOffset);
        }
    }

    /**
     * The offset of the next frame header at or after {@code from} with the stream's properties
     * and coded number {@code number}, or -1 when the file has none.
     */
    private long findFrame(long from, long number) throws IOException {
        long p = from;
        while (p < length) {
            int n = br.window(p, SCAN_BYTES);
            boolean eof = p + n >= length;
            int end = eof ? n - 1 : n - FlacFrameHeader.MAX_BYTES;
            byte[] b = br.buf;
            int base = br.frameBase;
            for (int i = 0; i < end; i++) {
                if (b[base + i] == (byte) 0xFF && (b[base + i + 1] & 0xFE) == 0xF8
                        && hdr.parse(b, base + i, n - i) && consistent(hdr) && hdr.number == number) {
                    return p + i;
                }
            }
            if (eof) {
                return -1;
            }
            p += end;
        }
        return -1;
    }

    /** Counts the samples of a stream whose STREAMINFO leaves the total unknown (0). */
    private long countFrames() throws IOException {
        long s = 0;
        long o = audioStart;
        while (true) {
            int n = br.window(o, FlacFrameHeader.MAX_BYTES);
            if (!hdr.parse(br.buf, br.frameBase, n) || !consistent(hdr) || hdr.number != expectedNumber(s)) {
                throw bad("no valid frame for sample " + s + " at byte " + o);
            }
            int bs = hdr.blockSize;
            long next = findFrame(o + hdr.length + 1, expectedNumber(s + bs));
            if (next < 0) {
                return s + bs;
            }
            if (!hasSeekTable) {
                addAnchor(s + bs, next); // seek points are in the index already; keep it sorted
            }
            s += bs;
            o = next;
        }
    }

    /** Whether a header agrees with STREAMINFO and the first frame (a sync code in data rarely does). */
    private boolean consistent(FlacFrameHeader h) {
        return h.channels == info.channels() && (h.bits == 0 || h.bits == info.bitsPerSample())
                && (h.sampleRate == 0 || h.sampleRate == info.sampleRate()) && h.blockSize <= info.maxBlockSize()
                && (anchors == 0 || fixedBlockSize == 0 || h.variable == variable);
    }

    /** Keeps the seek table's points when they are sorted and inside the file; false otherwise. */
    private boolean useSeekTable(long[] samples, long[] offsets, long total) {
        long lastSample = 0;
        long lastOffset = audioStart;
        int usable = 0;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] == -1) {
                continue; // a placeholder point
            }
            long off = audioStart + offsets[i];
            if (offsets[i] < 0 || off >= length || samples[i] < lastSample || off < lastOffset
                    || total > 0 && samples[i] >= total || !variable && samples[i] % fixedBlockSize != 0) {
                return false;
            }
            lastSample = samples[i];
            lastOffset = off;
            usable++;
        }
        if (usable == 0) {
            return false;
        }
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] != -1 && samples[i] > anchorSample[anchors - 1]) {
                addAnchor(samples[i], audioStart + offsets[i]);
            }
        }
        return true;
    }

    // ---- frame decoding ---------------------------------------------------------------------

    /** Decodes the frame at byte {@code pos}, which must start at sample {@code s}, into {@link #chan}. */
    private void decode(long pos, long s) throws IOException {
        int n = br.window(pos, FlacFrameHeader.MAX_BYTES);
        if (!hdr.parse(br.buf, br.frameBase, n) || !consistent(hdr)) {
            if (n < FlacFrameHeader.MAX_BYTES && pos + n >= length) {
                throw new EOFException();
            }
            throw new FlacFrameException("no valid frame header");
        }
        if (hdr.number != expectedNumber(s)) {
            throw new FlacFrameException("numbered " + hdr.number + " where " + expectedNumber(s) + " was expected");
        }
        int bs = hdr.blockSize;
        int channels = info.channels();
        int bits = info.bitsPerSample();
        if (!variable && bs != fixedBlockSize && s + bs < frames) {
            throw new FlacFrameException("block size " + bs + " in a stream of fixed block size " + fixedBlockSize);
        }
        decodedSample = -1;
        if (chan.length != channels || chan[0].length < bs) {
            chan = new long[channels][bs];
        }
        // Real encoders never exceed the verbatim size by much; refusing more bounds the window.
        br.setFrameLimit((int) Math.min(Integer.MAX_VALUE - 64, 2L * bs * channels * (bits + 1) / 8 + (1 << 16)));
        br.skip(hdr.length * 8);
        int a = hdr.assignment;
        for (int c = 0; c < channels; c++) {
            boolean side = a == FlacFrameHeader.LEFT_SIDE && c == 1 || a == FlacFrameHeader.SIDE_RIGHT && c == 0
                    || a == FlacFrameHeader.MID_SIDE && c == 1;
            subframe(chan[c], bs, bits + (side ? 1 : 0));
        }
        br.alignToByte();
        int crcAt = br.frameBytes();
        int crc = (int) br.bits(16);
        if (FlacCrc.crc16(br.buf, br.frameBase, crcAt) != crc) {
            throw new FlacFrameException("CRC-16 mismatch");
        }
        decorrelate(a, bs);
        decodedSample = s;
        decodedSize = bs;
        decodedEnd = pos + crcAt + 2;
    }

    private void decorrelate(int a, int bs) {
        if (a < FlacFrameHeader.LEFT_SIDE) {
            return;
        }
        long[] x = chan[0];
        long[] y = chan[1];
        if (a == FlacFrameHeader.LEFT_SIDE) {
            for (int i = 0; i < bs; i++) {
                y[i] = x[i] - y[i];
            }
        } else if (a == FlacFrameHeader.SIDE_RIGHT) {
            for (int i = 0; i < bs; i++) {
                x[i] += y[i];
            }
        } else {
            for (int i = 0; i < bs; i++) {
                long side = y[i];
                long mid = x[i] << 1 | (side & 1);
                x[i] = (mid + side) >> 1;
                y[i] = (mid - side) >> 1;
            }
        }
    }

    private void subframe(long[] x, int n, int bits) throws IOException {
        if (br.bit() != 0) {
            throw new FlacFrameException("subframe padding bit set");
        }
        int type = (int) br.bits(6);
        int wasted = 0;
        if (br.bit() == 1) {
            long w = br.unary() + 1;
            if (w >= bits) {
                throw new FlacFrameException(w + " wasted bits in a " + bits + "-bit subframe");
            }
            wasted = (int) w;
            bits -= wasted;
        }
        if (type == 0) {
            Arrays.fill(x, 0, n, br.signed(bits));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                x[i] = br.signed(bits);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(x, n, order, bits);
            residual(x, n, order);
            restoreFixed(x, n, order);
        } else if (type >= 32) {
            int order = type - 31;
            warmUp(x, n, order, bits);
            int precision = (int) br.bits(4) + 1;
            if (precision == 16) {
                throw new FlacFrameException("invalid LPC coefficient precision");
            }
            int shift = (int) br.signed(5);
            if (shift < 0) {
                throw new FlacFrameException("negative LPC shift");
            }
            for (int j = 0; j < order; j++) {
                coefs[j] = br.signed(precision);
            }
            residual(x, n, order);
            restoreLpc(x, n, order, shift);
        } else {
            throw new FlacFrameException("reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                x[i] <<= wasted;
            }
        }
    }

    private void warmUp(long[] x, int n, int order, int bits) throws IOException {
        if (order > n) {
            throw new FlacFrameException("predictor order " + order + " exceeds the block size " + n);
        }
        for (int i = 0; i < order; i++) {
            x[i] = br.signed(bits);
        }
    }

    /** Reads the residual of samples [order, n) into x (restored in place afterwards). */
    private void residual(long[] x, int n, int order) throws IOException {
        int method = (int) br.bits(2);
        if (method > 1) {
            throw new FlacFrameException("reserved residual coding method " + method);
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = (1 << paramBits) - 1;
        int partitionOrder = (int) br.bits(4);
        int partitions = 1 << partitionOrder;
        int size = n >> partitionOrder;
        if ((n & (partitions - 1)) != 0 || size < order) {
            throw new FlacFrameException("partition order " + partitionOrder + " does not fit a block of " + n
                    + " with predictor order " + order);
        }
        int i = order;
        for (int p = 0; p < partitions; p++) {
            int end = (p + 1) * size;
            int k = (int) br.bits(paramBits);
            if (k == escape) {
                int raw = (int) br.bits(5);
                for (; i < end; i++) {
                    x[i] = br.signed(raw);
                }
            } else {
                br.rice(x, i, end, k);
                i = end;
            }
        }
    }

    private static void restoreFixed(long[] x, int n, int order) {
        switch (order) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    x[i] += x[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < n; i++) {
                    x[i] += 2 * x[i - 1] - x[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < n; i++) {
                    x[i] += 3 * (x[i - 1] - x[i - 2]) + x[i - 3];
                }
            }
            default -> {
                for (int i = 4; i < n; i++) {
                    x[i] += 4 * (x[i - 1] + x[i - 3]) - 6 * x[i - 2] - x[i - 4];
                }
            }
        }
    }

    private void restoreLpc(long[] x, int n, int order, int shift) {
        long[] q = coefs;
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += q[j] * x[i - 1 - j];
            }
            x[i] += sum >> shift;
        }
    }

    // ---- metadata ---------------------------------------------------------------------------

    private record Metadata(FlacStreamInfo info, long audioStart, long[] seekSamples, long[] seekOffsets) {
    }

    private Metadata readMetadata() throws IOException {
        byte[] b = new byte[34];
        long pos = 0;
        if (length >= 10) {
            read(0, b, 10);
            if (b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
                // An ID3v2 tag (not part of FLAC, but some taggers write one): its size is syncsafe.
                long size = (b[6] & 0x7fL) << 21 | (b[7] & 0x7fL) << 14 | (b[8] & 0x7fL) << 7 | (b[9] & 0x7fL);
                pos = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
            }
        }
        if (length - pos < 4 + 4 + 34) {
            throw bad("not a FLAC file: " + length + " bytes, too short for the fLaC marker and STREAMINFO");
        }
        read(pos, b, 4);
        if (b[0] != 'f' || b[1] != 'L' || b[2] != 'a' || b[3] != 'C') {
            throw bad("not a FLAC file: it does not start with 'fLaC'");
        }
        pos += 4;
        FlacStreamInfo si = null;
        long[] seekSamples = null;
        long[] seekOffsets = null;
        for (int k = 0; ; k++) {
            if (k == MAX_METADATA_BLOCKS) {
                throw bad("more than " + MAX_METADATA_BLOCKS + " metadata blocks");
            }
            if (pos > length - 4) {
                throw bad("truncated: the metadata ends at byte " + length + " before its last block");
            }
            read(pos, b, 4);
            boolean last = (b[0] & 0x80) != 0;
            int type = b[0] & 0x7f;
            int size = (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
            long body = pos + 4;
            if (size > length - body) {
                throw bad("metadata block of type " + type + " at byte " + pos + " declares " + size
                        + " bytes but the file ends at byte " + length);
            }
            if (k == 0 && type != STREAMINFO) {
                throw bad("the first metadata block is of type " + type + ", not STREAMINFO");
            }
            if (type == 127) {
                throw bad("invalid metadata block type 127 at byte " + pos);
            }
            if (type == STREAMINFO) {
                if (k != 0) {
                    throw bad("a second STREAMINFO block at byte " + pos);
                }
                if (size != 34) {
                    throw bad("STREAMINFO of " + size + " bytes, not 34");
                }
                read(body, b, 34);
                si = streamInfo(b, length - body - size);
            } else if (type == SEEKTABLE && seekSamples == null && size % 18 == 0) {
                // Sized by the block, which was checked against the file length.
                int points = size / 18;
                byte[] t = new byte[size];
                read(body, t, size);
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
        return new Metadata(si, pos, seekSamples, seekOffsets);
    }

    /** Parses and checks STREAMINFO; {@code audioBytes} bounds the samples the file can hold. */
    private FlacStreamInfo streamInfo(byte[] b, long audioBytes) throws BadInputException {
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
            throw bad("STREAMINFO declares a sample rate of 0");
        }
        if (bits < 4) {
            throw bad("STREAMINFO declares " + bits + " bits per sample; FLAC has 4 to 32");
        }
        if (maxBlock < 16 || minBlock > maxBlock) {
            throw bad("STREAMINFO declares block sizes " + minBlock + " to " + maxBlock + "; FLAC's are 16 to 65535");
        }
        long maxSamples = (audioBytes / MIN_FRAME_BYTES + 1) * maxBlock;
        if (total > maxSamples) {
            throw bad("truncated: STREAMINFO declares " + total + " samples but the " + audioBytes
                    + " bytes of audio hold at most " + maxSamples);
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

    private void read(long pos, byte[] b, int len) throws IOException {
        try {
            in.readFully(pos, b, 0, len);
        } catch (EOFException e) {
            throw bad("file ended before byte " + (pos + len) + " of its metadata", e);
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
