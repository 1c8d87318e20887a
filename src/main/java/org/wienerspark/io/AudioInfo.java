package org.wienerspark.io;

/**
 * What an audio file holds, whatever its container: the common part of {@link WavHeader} and
 * {@link FlacStreamInfo}. A frame is one sample of every channel.
 *
 * @param container     the file format
 * @param format        the sample encoding that holds the file's samples exactly when written
 *                      as WAV: the file's own for WAV; for FLAC the integer PCM container of its
 *                      bit depth (20 bits in {@code PCM_24}, 12 in {@code PCM_16}, 8 or less in
 *                      {@code PCM_U8})
 * @param bitsPerSample the file's bit depth (for FLAC possibly not a multiple of 8)
 * @param channels      channel count, at least 1
 * @param sampleRate    frames per second, at least 1
 * @param frames        frame count
 */
public record AudioInfo(AudioContainer container, WavFormat format, int bitsPerSample, int channels,
                        int sampleRate, long frames) {

    /** The info of a checked WAV header. */
    public static AudioInfo of(WavHeader h) {
        return new AudioInfo(AudioContainer.WAV, h.format(), h.bitsPerSample(), h.channels(), h.sampleRate(),
                h.frames());
    }

    /** Duration in seconds. */
    public double seconds() {
        return (double) frames / sampleRate;
    }
}
