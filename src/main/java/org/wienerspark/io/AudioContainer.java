package org.wienerspark.io;

import java.util.Locale;

/** The audio file formats read and written, chosen by file extension. */
public enum AudioContainer {
    /** RIFF/RF64 WAVE: PCM and IEEE float ({@link WavReader}, {@link WavWriter}). */
    WAV("wav"),
    /** FLAC: lossless compressed integer PCM ({@link FlacReader}, {@link FlacWriter}). */
    FLAC("flac");

    private final String extension;

    AudioContainer(String extension) {
        this.extension = extension;
    }

    /** The extension of files written in this format, without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The format of a file name or path by its extension, case-insensitive: {@code .wav},
     * {@code .wave}, {@code .flac}.
     *
     * @return the format, or {@code null} when the extension is none of these
     */
    public static AudioContainer ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".wav") || n.endsWith(".wave")) {
            return WAV;
        }
        if (n.endsWith(".flac")) {
            return FLAC;
        }
        return null;
    }

    /** Whether a file name has an audio extension this package reads. */
    public static boolean isAudio(String name) {
        return ofName(name) != null;
    }
}
