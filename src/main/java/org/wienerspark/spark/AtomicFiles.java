package org.wienerspark.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
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

    /**
     * Writes {@code bytes} to {@code target} through a temporary file of the given attempt; a
     * failed write removes its temporary file.
     */
    public static void write(FileSystem fs, Path target, String attempt, byte[] bytes) throws IOException {
        Path tmp = temporary(target, attempt);
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
        commit(fs, tmp, target);
    }

    /** Writes a text file (UTF-8) through a temporary file unique to this call. */
    public static void writeText(FileSystem fs, Path target, String text) throws IOException {
        fs.mkdirs(target.getParent());
        write(fs, target, UUID.randomUUID().toString(), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Renames a finished temporary folder (a Parquet table) into place, replacing an older one by
     * two renames: the old one aside, the new one in, then the old one deleted. A kill in between
     * leaves the old table, or none, never a partial one (on stores where a rename is a copy,
     * {@code s3a://}, a table being copied is not atomic).
     */
    public static void commitFolder(FileSystem fs, Path tmp, Path target) throws IOException {
        Path old = null;
        if (fs.exists(target)) {
            old = temporary(target, UUID.randomUUID() + ".old");
            if (!fs.rename(target, old)) {
                throw new IOException("could not move the previous " + target + " aside to " + old);
            }
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
        if (old != null) {
            fs.delete(old, true);
        }
    }
}
