/**
 * Scores as data, shared by the evaluation and the compare jobs: museval's per-track results
 * ({@link org.wienerspark.results.TrackScores}, read by {@link org.wienerspark.results.MusevalReader}),
 * the per-track summary ({@link org.wienerspark.results.TrackSummary}, also read back from an
 * evaluation's {@code summary.csv} by {@link org.wienerspark.results.SummaryCsv}), and their
 * Parquet tables in museval's long format ({@link org.wienerspark.results.ScoreTable}), written
 * atomically ({@link org.wienerspark.spark.AtomicFiles}).
 */
package org.wienerspark.results;
