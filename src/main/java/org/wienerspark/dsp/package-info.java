/**
 * Signal processing between audio and the core: the short-time Fourier transform
 * ({@link org.wienerspark.dsp.Stft}) in the convention of Open-Unmix, whole-track and block by
 * block. Depends on {@code org.wienerspark.core} and JTransforms only (no Spark, Hadoop or I/O).
 * Array layouts are the core's: signals {@code (samples, channels)}, spectrograms
 * {@code (frames, bins, channels)} complex interleaved.
 */
package org.wienerspark.dsp;
