package org.wienerspark.io;

import java.io.IOException;
import java.util.Arrays;

/**
 * Where the frames of a FLAC stream start: the index {@link FlacReader} seeks through.
 *
 * <p>A FLAC frame does not say its length, so finding the frame that holds a sample means starting
 * from a known frame start (an anchor: the first frame, a usable SEEKTABLE point, or a frame walked
 * before) and walking frame headers forward, found by their sync code and accepted only with a
 * valid CRC-8, the stream's channel count and depth, and the expected frame or sample number.
 * Without a seek table the headers walked are kept as anchors, built once per reader and extended
 * as reads go further; a cursor remembers where the last read stopped, so consecutive reads
 * continue from there.
 *
 * <p>Also holds what the first frame tells about the whole stream: fixed or variable block size,
 * the fixed block size, and (when STREAMINFO leaves it unknown) the total number of samples.
 */
final class FlacFrameIndex {

    private static final int SCAN_BYTES = 1 << 16;

    private final String name;
    private final long length;
    private final FlacStreamInfo info;
    private final long audioStart;
    private final FlacBitReader br;
    private final FlacFrameHeader hdr = new FlacFrameHeader();
    /** Set from the first frame (0 until then, when {@link #consistent} accepts either strategy). */
    private boolean variable;
    /** Block size of every frame but the last, for fixed-block-size streams. */
    private int fixedBlockSize;
    private boolean hasSeekTable;
    private long frames;

    /** Known frame starts, sorted: seek points, or (without a seek table) the index walked. */
    private long[] anchorSample = new long[16];
    private long[] anchorOffset = new long[16];
    private int anchors;

    /** The frame after the last one decoded, where a following read continues. */
    private long cursorSample = -1;
    private long cursorOffset;

    /** Reads the first frame header and seeds the index from it and from the seek table. */
    FlacFrameIndex(String name, long length, FlacMetadata m, FlacBitReader br) throws IOException {
        this.name = name;
        this.length = length;
        this.info = m.info();
        this.audioStart = m.audioStart();
        this.br = br;
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
            hasSeekTable = m.seekSamples() != null && useSeekTable(m.seekSamples(), m.seekOffsets(), total);
            frames = total > 0 ? total : countFrames();
        }
    }

    /** Samples per channel in the stream (counted when STREAMINFO leaves it unknown). */
    long frames() {
        return frames;
    }

    boolean hasSeekTable() {
        return hasSeekTable;
    }

    boolean variable() {
        return variable;
    }

    int fixedBlockSize() {
        return fixedBlockSize;
    }

    /** The first sample and byte offset of the frame holding {@code sample}. */
    long[] locate(long sample) throws IOException {
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

    /**
     * Records that the frame at sample {@code s} was decoded and the next one, at sample
     * {@code next}, starts at byte {@code nextOffset}: the index learns it and a following read
     * continues from there.
     */
    void decoded(long s, long next, long nextOffset) {
        learn(s, next, nextOffset);
        cursorSample = next;
        cursorOffset = nextOffset;
    }

    /** The coded number of the frame starting at sample {@code s}: frame or sample number. */
    long expectedNumber(long s) {
        return variable ? s : s / fixedBlockSize;
    }

    /** Whether a header agrees with STREAMINFO and the first frame (a sync code in data rarely does). */
    boolean consistent(FlacFrameHeader h) {
        return h.channels == info.channels() && (h.bits == 0 || h.bits == info.bitsPerSample())
                && (h.sampleRate == 0 || h.sampleRate == info.sampleRate()) && h.blockSize <= info.maxBlockSize()
                && (anchors == 0 || fixedBlockSize == 0 || h.variable == variable);
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

    private BadInputException bad(String problem) {
        return new BadInputException(name, problem);
    }
}
