package org.wienerspark.separation;

import org.wienerspark.io.WavFormat;

/** The {@code --output-format} values: the mixture's own format ({@code same}) or a fixed one. */
final class OutputFormat {

    private OutputFormat() {
    }

    /**
     * The WAV format to write for a mixture of format {@code mixture}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static WavFormat resolve(String option, WavFormat mixture) {
        WavFormat f = parse(option);
        if (f != null) {
            return f;
        }
        return mixture;
    }

    /** The fixed format named, or null for {@code same}. */
    static WavFormat parse(String option) {
        return switch (option == null ? "same" : option) {
            case "same" -> null;
            case "pcm16" -> WavFormat.PCM_16;
            case "pcm24" -> WavFormat.PCM_24;
            case "float32" -> WavFormat.FLOAT_32;
            case "float64" -> WavFormat.FLOAT_64;
            default -> throw new IllegalArgumentException("--output-format must be one of same, pcm16, pcm24, float32,"
                    + " float64; got " + option);
        };
    }
}
