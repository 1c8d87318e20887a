package org.wienerspark.spark;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Atomic commit of files and markers: a file is written under a hidden temporary name next to
 * its target, unique to the writing attempt, and renamed into place only when complete, so no
 * file that looks complete is ever partial (on object stores where rename is a copy, the copy
 * is of a finished file).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** A temporary name next to {@code target}, unique to this attempt. */
    public static Path temporary(Path target, String attempt) {
        return new Path(target.getParent(), "." + target.getName() + "." + attempt + ".inprogress");
    }

    /** Renames a finished temporary file into place, replacing an older file. */
    public static void commit(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }

    /** Writes {@code bytes} to {@code target} through a temporary file of the given attempt. */
    public static void write(FileSystem fs, Path target, String attempt, byte[] bytes) throws IOException {
        Path tmp = temporary(target, attempt);
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        }
        commit(fs, tmp, target);
    }
}
