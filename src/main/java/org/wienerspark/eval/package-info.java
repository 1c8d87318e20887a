/**
 * Scoring separated sources against references: BSSEval v4 as museval computes it for MUSDB18
 * ({@link org.wienerspark.eval.BssEvalV4}: time-invariant 512-tap distortion filters fitted over
 * the whole track, framewise SDR, ISR, SIR and SAR) and the global SDR of the Music Demixing
 * Challenge 2021 ({@link org.wienerspark.eval.GlobalSdr}). No Spark, no Hadoop, no I/O.
 *
 * <h2>Layout</h2>
 * As everywhere in the project (see {@code org.wienerspark.core}): flat row-major
 * {@code double[]}. A set of source images is {@code (sources, samples, channels)}, the layout of
 * museval's {@code bss_eval} arguments; framewise metrics are {@code (sources, frames)}.
 *
 * <h2>How the work is split</h2>
 * The filters need one pass over the whole track ({@link org.wienerspark.eval.CrossCorrelations},
 * fed in chunks, so a long track never has to be in memory at once) and one dense solve
 * ({@link org.wienerspark.eval.DistortionFilters}); every frame is then scored from its own
 * samples only ({@link org.wienerspark.eval.BssEvalV4#scoreFrame}), so frames can be scored in
 * any order or place.
 *
 * <h2>References</h2>
 * [1] E. Vincent, R. Gribonval, C. Févotte, "Performance measurement in blind audio source
 * separation", IEEE Trans. Audio, Speech and Language Processing 14(4), 2006.<br>
 * [2] A. Liutkus, F.-R. Stöter, N. Ito, "The 2018 Signal Separation Evaluation Campaign",
 * LVA/ICA 2018.<br>
 * [3] S. Mitsufuji et al., "Music Demixing Challenge 2021", Frontiers in Signal Processing, 2022.
 */
package org.wienerspark.eval;
