package org.wienerspark.io;

/**
 * An {@code --output-format} value: the container and sample encoding of written stems.
 *
 * <p>{@code same} (WAV in the mixture's encoding), {@code pcm16}, {@code pcm24}, {@code float32},
 * {@code float64} (WAV), {@code flac} (FLAC at the mixture's depth: 16-bit for mixtures of 16 bits
 * or fewer, else 24-bit, float mixtures included), {@code flac16}, {@code flac24}.
 *
 * @param container the file format written
 * @param format    the fixed sample encoding, or null for the one derived from the mixture's
 */
public record AudioOutputFormat(AudioContainer container, WavFormat format) {

    /** The accepted names, for help texts and messages. */
    public static final String NAMES = "same, pcm16, pcm24, float32, float64, flac, flac16, flac24";

    /**
     * Parses a name (null means {@code same}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static AudioOutputFormat parse(String option) {
        return switch (option == null ? "same" : option) {
            case "same" -> new AudioOutputFormat(AudioContainer.WAV, null);
            case "pcm16" -> new AudioOutputFormat(AudioContainer.WAV, WavFormat.PCM_16);
            case "pcm24" -> new AudioOutputFormat(AudioContainer.WAV, WavFormat.PCM_24);
            case "float32" -> new AudioOutputFormat(AudioContainer.WAV, WavFormat.FLOAT_32);
            case "float64" -> new AudioOutputFormat(AudioContainer.WAV, WavFormat.FLOAT_64);
            case "flac" -> new AudioOutputFormat(AudioContainer.FLAC, null);
            case "flac16" -> new AudioOutputFormat(AudioContainer.FLAC, WavFormat.PCM_16);
            case "flac24" -> new AudioOutputFormat(AudioContainer.FLAC, WavFormat.PCM_24);
            default -> throw new IllegalArgumentException("--output-format must be one of " + NAMES + "; got "
                    + option);
        };
    }

    /** The encoding to write for a mixture whose own encoding is {@code mixture}. */
    public WavFormat resolve(WavFormat mixture) {
        if (format != null) {
            return format;
        }
        if (container == AudioContainer.WAV) {
            return mixture;
        }
        return !mixture.isFloat() && mixture.bitsPerSample() <= 16 ? WavFormat.PCM_16 : WavFormat.PCM_24;
    }

    /** The extension of the files written, without the dot. */
    public String extension() {
        return container.extension();
    }
}
