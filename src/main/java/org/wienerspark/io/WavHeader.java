package org.wienerspark.io;

/**
 * What a WAV file holds and where: the format of its samples and the position of its data chunk,
 * as parsed and checked by {@link WavReader#readHeader}. A frame is one sample of every channel.
 *
 * @param format      sample encoding
 * @param channels    channel count, at least 1
 * @param sampleRate  frames per second, at least 1
 * @param frames      frame count of the data chunk
 * @param dataOffset  byte offset of the first sample in the file
 * @param channelMask speaker positions of WAVE_FORMAT_EXTENSIBLE (dwChannelMask), 0 when absent
 * @param rf64        whether the file is RF64/BW64 (64-bit sizes in a ds64 chunk)
 */
public record WavHeader(WavFormat format, int channels, int sampleRate, long frames, long dataOffset,
                        int channelMask, boolean rf64) {

    /** Validates what no file may break; the parser has already checked these with messages. */
    public WavHeader {
        if (format == null || channels < 1 || sampleRate < 1 || frames < 0 || dataOffset < 0) {
            throw new IllegalArgumentException("invalid WAV header: " + format + ", " + channels + " channels, "
                    + sampleRate + " Hz, " + frames + " frames at byte " + dataOffset);
        }
    }

    /** Bits a sample occupies in the file. */
    public int bitsPerSample() {
        return format.bitsPerSample();
    }

    /** Bytes of one frame (WAV's block align). */
    public int blockAlign() {
        return channels * format.bytesPerSample();
    }

    /** Bytes of sample data. */
    public long dataBytes() {
        return frames * blockAlign();
    }

    /** Duration in seconds. */
    public double seconds() {
        return (double) frames / sampleRate;
    }
}
