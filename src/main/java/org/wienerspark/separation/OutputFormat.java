package org.wienerspark.separation;

import java.util.Locale;
import org.wienerspark.io.WavFormat;

/** The {@code --output-format} values: the mixture's own format ({@code same}) or a fixed one. */
public enum OutputFormat {
    SAME(null),
    PCM16(WavFormat.PCM_16),
    PCM24(WavFormat.PCM_24),
    FLOAT32(WavFormat.FLOAT_32),
    FLOAT64(WavFormat.FLOAT_64);

    private final WavFormat format;

    OutputFormat(WavFormat format) {
        this.format = format;
    }

    /** The option value ({@code same}, {@code pcm16}, ...). */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The WAV format to write for a mixture of format {@code mixture}. */
    WavFormat resolve(WavFormat mixture) {
        return format != null ? format : mixture;
    }

    /**
     * The value named by an option, e.g. {@code pcm16}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static OutputFormat parse(String option) {
        for (OutputFormat f : values()) {
            if (f.option().equals(option)) {
                return f;
            }
        }
        throw new IllegalArgumentException("--output-format must be one of same, pcm16, pcm24, float32, float64; got "
                + option);
    }
}
