/**
 * The numerical core: norbert's multichannel Wiener filter and its EM refinement, in pure Java
 * (no Spark, no I/O, no allocation inside the hot loops), and the numerical kernels the layers
 * above share: {@link org.wienerspark.core.RealFft}, the batched SIMD real FFT behind the STFT
 * ({@code dsp}) and the BSS Eval correlations and projections ({@code eval}, which sits beside
 * core and may use nothing else).
 *
 * <h2>Array layout (used everywhere in the project)</h2>
 * Every tensor is a flat {@code double[]} in row-major (C) order over the axes given in its
 * shape, the last axis varying fastest. A complex tensor stores each element as two adjacent
 * doubles, real part then imaginary part ("interleaved"), so a complex tensor of shape
 * {@code (d0, ..., dk)} is a {@code double[2 * d0 * ... * dk]} and element {@code (i0, ..., ik)}
 * sits at {@code 2 * flatIndex} (re) and {@code 2 * flatIndex + 1} (im). This is exactly the
 * memory of a C-ordered numpy {@code complex128} array, so {@code .npy} data maps 1:1.
 *
 * <p>Axis names follow norbert: F frames, B frequency bins, C channels, S sources.
 * <table>
 *   <caption>Shapes</caption>
 *   <tr><th>name</th><th>shape</th><th>type</th></tr>
 *   <tr><td>x, mixture STFT</td><td>(F, B, C)</td><td>complex</td></tr>
 *   <tr><td>v, source spectrograms</td><td>(F, B, 1 or C, S)</td><td>real</td></tr>
 *   <tr><td>y, source STFTs</td><td>(F, B, C, S)</td><td>complex</td></tr>
 *   <tr><td>v out of EM, power spectral densities</td><td>(F, B, S)</td><td>real</td></tr>
 *   <tr><td>R, spatial covariance matrices</td><td>(B, C, C, S)</td><td>complex</td></tr>
 *   <tr><td>Cxx, W, G, mixture covariances and filters</td><td>(F, B, C, C)</td><td>complex</td></tr>
 * </table>
 *
 * <p><b>R in the production path.</b> The table is norbert's convention, which the public
 * entry points ({@link org.wienerspark.core.Wiener}, {@link org.wienerspark.core.ExpectationMaximization})
 * keep. The production EM kernel ({@link org.wienerspark.core.PosteriorMean}, used by the
 * Spark job block by block) and {@link org.wienerspark.core.SpatialCovariance} instead hold R as
 * (B, S, C, C) complex: for each bin and source its C x C matrix is contiguous, so the kernel
 * reads one matrix in one run and the statistics of a source are summed in place.
 * {@link org.wienerspark.core.SpatialCovariance#covariances} gives this order;
 * {@link org.wienerspark.core.SpatialCovariance#toReferenceLayout} turns it into norbert's (B, C, C, S) for the
 * reference-shaped API. The values are the same, only the axis order differs.
 *
 * <p>Shapes travel as {@code int[]} next to the data; the public entry points check them once
 * ({@link org.wienerspark.core.Tensors}) and the kernels behind them never check again.
 * No public method modifies an argument: outputs are new arrays, or explicitly passed output
 * buffers documented as "overwritten".
 */
package org.wienerspark.core;
