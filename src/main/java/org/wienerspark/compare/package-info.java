/**
 * The compare job: reads the per-track scores of several runs (outputs of the evaluation job or
 * any museval-format folder, such as the SiSEC 2018 submissions), writes their long-format
 * Parquet tables side by side, and compares them (medians and means, paired differences, Wilcoxon
 * signed-rank tests with Holm's adjustment) as {@code compare.md}, {@code compare.csv},
 * {@code runs.csv}, Parquet and {@code report.html}.
 */
package org.wienerspark.compare;
