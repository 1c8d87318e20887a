package org.wienerspark.io;

/**
 * The STREAMINFO block of a FLAC file, as checked by {@link FlacReader}.
 *
 * @param minBlockSize  smallest block size in samples (the last block excepted)
 * @param maxBlockSize  largest block size in samples, at most 65535
 * @param minFrameSize  smallest frame in bytes, 0 when unknown
 * @param maxFrameSize  largest frame in bytes, 0 when unknown
 * @param sampleRate    frames per second
 * @param channels      1 to 8
 * @param bitsPerSample 4 to 32
 * @param totalSamples  samples per channel (frames), 0 in the block when unknown (then counted)
 * @param md5           MD5 of the decoded samples, all zero when unknown (16 bytes)
 */
public record FlacStreamInfo(int minBlockSize, int maxBlockSize, int minFrameSize, int maxFrameSize,
                             int sampleRate, int channels, int bitsPerSample, long totalSamples, byte[] md5) {

    /** Whether the encoder stored an MD5 of the samples (all zero means it did not). */
    public boolean hasMd5() {
        for (byte b : md5) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }
}
