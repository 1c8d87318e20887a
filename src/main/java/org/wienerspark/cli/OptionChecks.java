package org.wienerspark.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Option checks on the driver before Spark starts, so that a wrong option exits 2 at once with the
 * option's public name instead of after Spark's start-up with an internal field name.
 */
final class OptionChecks {

    private static final Logger LOG = LoggerFactory.getLogger(OptionChecks.class);

    private OptionChecks() {
    }

    static void nonNegative(String option, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, got " + value);
        }
    }

    static void positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }

    /** n_fft positive and even (a real FFT of n_fft/2+1 bins), hop in 1..n_fft. */
    static void stft(int nFft, int hop) {
        positive("--n-fft", nFft);
        if (nFft % 2 != 0) {
            throw new IllegalArgumentException("--n-fft must be even, got " + nFft);
        }
        positive("--hop", hop);
        if (hop > nFft) {
            throw new IllegalArgumentException("--hop " + hop + " is larger than --n-fft " + nFft
                    + ": samples between frames would be lost");
        }
    }

    /** An input folder given by {@code option} exists and is a folder (null: not given, nothing to check). */
    static void folder(String option, String dir) {
        if (dir == null) {
            return;
        }
        FileStatus st = status(dir);
        if (st == MISSING) {
            throw new IllegalArgumentException(option + " " + dir + ": no such folder");
        }
        if (st != null && !st.isDirectory()) {
            throw new IllegalArgumentException(option + " " + dir + ": not a folder");
        }
    }

    /** The output is a folder or does not exist yet. */
    static void output(String option, String dir) {
        FileStatus st = status(dir);
        if (st != null && st != MISSING && !st.isDirectory()) {
            throw new IllegalArgumentException(option + " " + dir + ": an existing file, not a folder");
        }
    }

    private static final FileStatus MISSING = new FileStatus();

    /** The status, MISSING, or null when the file system cannot be asked now (the job checks again). */
    private static FileStatus status(String dir) {
        Path p = new Path(dir);
        // A private instance, closed here: FileSystem.get would cache one made without the
        // session's settings, and the job would then get that one back (an s3a:// store with no
        // endpoint or credentials).
        try (FileSystem fs = FileSystem.newInstance(p.toUri(), driverHadoopConf())) {
            return fs.exists(p) ? fs.getFileStatus(p) : MISSING;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot look at {} before the run; the job will", dir, e);
            return null;
        }
    }

    /** The Hadoop settings a run passes as {@code spark.hadoop.*} (--conf), before Spark starts. */
    static Configuration driverHadoopConf() {
        Configuration hadoop = new Configuration();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
                .forEach(k -> hadoop.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
        return hadoop;
    }
}
