package org.wienerspark.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Writes a FLAC file as a stream of appended frames, in bounded memory: 8-, 16- or 24-bit integer
 * PCM, 1-8 channels.
 *
 * <p>Hand-written (see {@link FlacReader} for why no library fits). Each block of
 * {@value #BLOCK_SIZE} frames is one FLAC frame; each channel's subframe is the smallest of
 * constant, verbatim, the fixed predictors of orders 0-4 and an LPC predictor (order up to
 * {@value FlacLpcEncoder#MAX_LPC_ORDER} chosen from the Levinson-Durbin errors of the
 * Welch-windowed block, {@value FlacLpcEncoder#LPC_PRECISION}-bit coefficients), with wasted bits
 * removed and the residual Rice coded in the best partition order (Rice2 when a parameter needs 5
 * bits, an escape for all-zero partitions). Stereo picks the cheapest of independent, left/side,
 * side/right and mid/side, judged by the fixed predictors. On the tests' signals the files are
 * 1-3% smaller than {@code flac -5}'s.
 *
 * <p>STREAMINFO comes first in a FLAC file but holds what is known only at the end (the smallest
 * and largest frame, the MD5 of the samples), and Hadoop streams cannot seek back to patch it. So
 * the encoded frames are spooled, in memory up to {@value #SPOOL_IN_MEMORY} bytes and then in a
 * temporary file, and {@link #close()} writes STREAMINFO, a SEEKTABLE (a point about every
 * second) and the frames. Like {@link WavWriter}, the frame count is declared up front and
 * {@link #close()} fails if a different number was appended; then nothing is written.
 *
 * <p>Samples: {@code round(x * 2^(bits-1))} (half to even), clipped to the bit depth and counted
 * as {@link WavWriter} does. Not thread-safe.
 *
 * <p>The parts: {@link FlacFrameEncoder} (frame header, stereo mode, CRCs),
 * {@link FlacSubframeEncoder} (the choice of subframe), {@link FlacLpcEncoder} (LPC analysis),
 * {@link FlacResidualCoder} (Rice partitions), {@link FlacBitWriter}; this class quantizes the
 * samples, spools the frames and writes the metadata.
 */
public final class FlacWriter implements AudioWriter {

    static final int BLOCK_SIZE = 4096;
    static final int SPOOL_IN_MEMORY = 4 << 20;
    /** A JVM's own limit of frames kept in memory, in bytes (e.g. to spool small test files). */
    static final String SPOOL_IN_MEMORY_PROPERTY = "wienerspark.flac.spoolInMemory";

    private final OutputStream out;
    private final String name;
    private final int channels;
    private final int sampleRate;
    private final int bits;
    private final long totalFrames;
    /** The largest block; every block but the last when the block size is fixed. */
    private final int blockSize;
    private final int[] variableBlocks;
    private long sampleNumber;
    private long[] seekSamples = new long[16];
    private final Path spoolDir;
    /** Bytes of frames kept in memory before they go to a temporary file. */
    private final int spoolInMemory;
    private final long[][] block;
    private int used;
    private long framesWritten;
    private long clipped;
    private long frameNumber;
    private boolean closed;

    private final MessageDigest md5;
    private final byte[] md5Bytes;
    private final FlacFrameEncoder frameEncoder;
    private final int framesPerSeekPoint;
    private long[] seekOffsets = new long[16];
    private int seekPoints;

    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path spoolFile;
    private OutputStream spool = memory;
    private long spooled;
    private int minFrame = Integer.MAX_VALUE;
    private int maxFrame;

    /**
     * A writer whose frames are spooled in the default temporary folder.
     *
     * @param name        the file name for messages
     * @param totalFrames the exact number of frames that will be appended
     * @throws IllegalArgumentException when FLAC cannot store the format (floats, 32-bit PCM,
     *                                  more than 8 channels, a rate above 1048575 Hz)
     */
    public FlacWriter(OutputStream out, String name, int channels, int sampleRate, WavFormat format, long totalFrames) {
        this(out, name, channels, sampleRate, format, totalFrames, null);
    }

    /** As above, spooling in {@code spoolDir} (null: {@code java.io.tmpdir}). */
    public FlacWriter(OutputStream out, String name, int channels, int sampleRate, WavFormat format, long totalFrames,
                      Path spoolDir) {
        this(out, name, channels, sampleRate, format, totalFrames, spoolDir, null,
                Integer.getInteger(SPOOL_IN_MEMORY_PROPERTY, SPOOL_IN_MEMORY));
    }

    /**
     * As above; {@code variableBlocks}, when not null, makes a variable-block-size stream whose
     * frames cycle through those sizes (16 to 65535), for tests of readers; frames spill to a
     * temporary file beyond {@code spoolInMemory} bytes.
     */
    FlacWriter(OutputStream out, String name, int channels, int sampleRate, WavFormat format, long totalFrames,
               Path spoolDir, int[] variableBlocks, int spoolInMemory) {
        this.spoolInMemory = spoolInMemory;
        checkFormat(name, channels, sampleRate, format, totalFrames);
        this.out = out;
        this.name = name;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.bits = format.bitsPerSample();
        this.totalFrames = totalFrames;
        this.variableBlocks = variableBlocks == null ? null : variableBlocks.clone();
        this.blockSize = variableBlocks == null ? (int) Math.max(16, Math.min(BLOCK_SIZE, totalFrames))
                : Arrays.stream(variableBlocks).max().getAsInt();
        this.spoolDir = spoolDir;
        this.block = new long[channels][blockSize];
        this.frameEncoder = new FlacFrameEncoder(channels, sampleRate, bits, blockSize, variableBlocks != null);
        this.md5Bytes = new byte[blockSize * channels * (bits / 8)];
        this.framesPerSeekPoint = Math.max(1, sampleRate / blockSize);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses what this writer cannot store, before anything is created or written. */
    static void checkFormat(String name, int channels, int sampleRate, WavFormat format, long totalFrames) {
        if (format == null || format.isFloat() || format.bitsPerSample() > 24) {
            throw new IllegalArgumentException(name + ": FLAC output is 8-, 16- or 24-bit integer PCM, not " + format);
        }
        if (channels < 1 || channels > 8 || sampleRate < 1 || sampleRate > 0xFFFFF || totalFrames < 0
                || totalFrames >= 1L << 36) {
            throw new IllegalArgumentException(name + ": FLAC cannot store " + channels + " channels at " + sampleRate
                    + " Hz, " + totalFrames + " frames (1-8 channels, at most 1048575 Hz and 2^36 frames)");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long framesWritten() {
        return framesWritten;
    }

    @Override
    public long clippedSamples() {
        return clipped;
    }

    @Override
    public void append(double[] samples, int offset, int frames) throws IOException {
        if (closed) {
            throw new IllegalStateException(name + ": append after close");
        }
        if (offset < 0 || frames < 0 || offset > samples.length
                || (long) frames * channels > samples.length - offset) {
            throw new IllegalArgumentException(name + ": " + frames + " frames of " + channels
                    + " channels from offset " + offset + " exceed an array of " + samples.length);
        }
        if (frames > totalFrames - framesWritten) {
            throw new IllegalStateException(name + ": appending " + frames + " frames to " + framesWritten
                    + " would exceed the declared " + totalFrames);
        }
        double scale = 1L << (bits - 1);
        double max = scale - 1;
        double min = -scale;
        int s = offset;
        int remaining = frames;
        long clip = 0;
        while (remaining > 0) {
            int target = target();
            int n = Math.min(remaining, target - used);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    double v = Math.rint(samples[s++] * scale);
                    long q;
                    if (v >= min && v <= max) {
                        q = (long) v;
                    } else {
                        q = v > max ? (long) max : v < min ? (long) min : 0;
                        clip++;
                    }
                    block[c][used + i] = q;
                }
            }
            used += n;
            remaining -= n;
            framesWritten += n;
            if (used == target) {
                writeFrame(used);
                used = 0;
            }
        }
        clipped += clip;
    }

    /** The size of the block being filled. */
    private int target() {
        return target(frameNumber);
    }

    private int target(long frame) {
        return variableBlocks == null ? blockSize : variableBlocks[(int) (frame % variableBlocks.length)];
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream o = out) {
            if (framesWritten != totalFrames) {
                throw new IOException(name + ": " + framesWritten + " frames were written but " + totalFrames
                        + " were declared; nothing was written");
            }
            if (used > 0) {
                writeFrame(used);
                used = 0;
            }
            spool.close();
            o.write(metadata());
            if (spoolFile == null) {
                memory.writeTo(o);
            } else {
                try (InputStream in = Files.newInputStream(spoolFile)) {
                    in.transferTo(o);
                }
            }
        } finally {
            memory = null;
            spool.close(); // (again, when it was closed above: harmless)
            if (spoolFile != null) {
                Files.deleteIfExists(spoolFile);
            }
        }
    }

    // ---- metadata ---------------------------------------------------------------------------

    private byte[] metadata() {
        boolean seekTable = seekPoints > 0;
        FlacBitWriter m = new FlacBitWriter();
        m.bits(0x664C6143L, 32); // fLaC
        m.bits(seekTable ? 0 : 1, 1);
        m.bits(0, 7);
        m.bits(34, 24);
        m.bits(variableBlocks == null ? blockSize : Arrays.stream(variableBlocks).min().getAsInt(), 16);
        m.bits(blockSize, 16);
        m.bits(frameNumber == 0 ? 0 : minFrame, 24);
        m.bits(maxFrame, 24);
        m.bits(sampleRate, 20);
        m.bits(channels - 1, 3);
        m.bits(bits - 1, 5);
        m.bits(totalFrames >>> 32, 4);
        m.bits(totalFrames, 32);
        m.align();
        byte[] digest = md5.digest();
        byte[] head = Arrays.copyOf(m.buf, m.bytes + 16);
        System.arraycopy(digest, 0, head, m.bytes, 16);
        if (!seekTable) {
            return head;
        }
        m.reset();
        m.bits(0x80 | 3, 8);
        m.bits(18L * seekPoints, 24);
        for (int i = 0; i < seekPoints; i++) {
            long sample = seekSamples[i];
            m.bits(sample >>> 32, 32);
            m.bits(sample, 32);
            m.bits(seekOffsets[i] >>> 32, 32);
            m.bits(seekOffsets[i], 32);
            m.bits(Math.min(target(i * (long) framesPerSeekPoint), totalFrames - sample), 16);
        }
        m.align();
        byte[] all = Arrays.copyOf(head, head.length + m.bytes);
        System.arraycopy(m.buf, 0, all, head.length, m.bytes);
        return all;
    }

    // ---- frames -----------------------------------------------------------------------------

    private void writeFrame(int n) throws IOException {
        updateMd5(n);
        if (frameNumber % framesPerSeekPoint == 0) {
            if (seekPoints == seekOffsets.length) {
                seekOffsets = Arrays.copyOf(seekOffsets, seekPoints * 2);
                seekSamples = Arrays.copyOf(seekSamples, seekPoints * 2);
            }
            seekSamples[seekPoints] = sampleNumber;
            seekOffsets[seekPoints++] = spooled;
        }
        frameEncoder.encode(block, n, variableBlocks == null ? frameNumber : sampleNumber);
        writeSpool(frameEncoder.buf(), frameEncoder.bytes());
        frameNumber++;
        sampleNumber += n;
    }

    private void updateMd5(int n) {
        int bytes = bits / 8;
        int j = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                long v = block[c][i];
                for (int k = 0; k < bytes; k++) {
                    md5Bytes[j++] = (byte) (v >>> (8 * k));
                }
            }
        }
        md5.update(md5Bytes, 0, j);
    }

    private void writeSpool(byte[] b, int len) throws IOException {
        if (spoolFile == null && spooled + len > spoolInMemory) {
            spoolFile = spoolDir == null ? Files.createTempFile("wienerspark-flac-", ".spool")
                    : Files.createTempFile(spoolDir, "wienerspark-flac-", ".spool");
            spool = new java.io.BufferedOutputStream(Files.newOutputStream(spoolFile), 1 << 16);
            memory.writeTo(spool);
            memory = null;
        }
        spool.write(b, 0, len);
        spooled += len;
        minFrame = Math.min(minFrame, len);
        maxFrame = Math.max(maxFrame, len);
    }
}
