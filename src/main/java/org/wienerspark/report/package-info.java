/**
 * The report page ({@code report.html}) of one run (the evaluation job) or several (the compare
 * job): one self-contained HTML file, its charts embedded as PNG data URIs, no script and no
 * network resource, so it opens from a laptop after {@code hdfs dfs -get}.
 */
package org.wienerspark.report;
