package org.wienerspark.io;

import java.util.Locale;

/**
 * The {@code --output-format} values: the container and sample encoding of written stems. The
 * one definition of the option; the separation job's settings hold one of these.
 *
 * <p>{@code same} (WAV in the mixture's encoding), {@code pcm16}, {@code pcm24}, {@code float32},
 * {@code float64} (WAV), {@code flac} (FLAC at the mixture's depth: 16-bit for mixtures of 16 bits
 * or fewer, else 24-bit, float mixtures included), {@code flac16}, {@code flac24}.
 */
public enum AudioOutputFormat {
    SAME(AudioContainer.WAV, null),
    PCM16(AudioContainer.WAV, WavFormat.PCM_16),
    PCM24(AudioContainer.WAV, WavFormat.PCM_24),
    FLOAT32(AudioContainer.WAV, WavFormat.FLOAT_32),
    FLOAT64(AudioContainer.WAV, WavFormat.FLOAT_64),
    FLAC(AudioContainer.FLAC, null),
    FLAC16(AudioContainer.FLAC, WavFormat.PCM_16),
    FLAC24(AudioContainer.FLAC, WavFormat.PCM_24);

    /** The accepted names, for help texts and messages. */
    public static final String NAMES = "same, pcm16, pcm24, float32, float64, flac, flac16, flac24";

    private final AudioContainer container;
    private final WavFormat format;

    AudioOutputFormat(AudioContainer container, WavFormat format) {
        this.container = container;
        this.format = format;
    }

    /** The file format written. */
    public AudioContainer container() {
        return container;
    }

    /** The fixed sample encoding, or null for the one derived from the mixture's. */
    public WavFormat format() {
        return format;
    }

    /** The option value ({@code same}, {@code pcm16}, {@code flac}, ...). */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name (null means {@code same}).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static AudioOutputFormat parse(String option) {
        if (option == null) {
            return SAME;
        }
        for (AudioOutputFormat f : values()) {
            if (f.option().equals(option)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--output-format must be one of " + NAMES + "; got " + option);
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
