package org.wienerspark.results;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files and folders that appear complete or not at all: written under a hidden temporary name
 * next to the target ({@code .<name>.<id>.inprogress}), then renamed into place. A folder (a
 * Parquet table) replaces an older one by two renames: the old one aside, the new one in, then
 * the old one deleted; a kill in between leaves the old table, or none, never a partial one
 * (on stores where a rename is a copy, {@code s3a://}, a table being copied is not atomic).
 * The same scheme as the separation job's outputs; its helper is private to that package.
 */
public final class AtomicOutput {

    private AtomicOutput() {
    }

    /** A hidden temporary name next to {@code target}, unique to this call. */
    public static Path temporary(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".inprogress");
    }

    public static void writeText(FileSystem fs, Path target, String text) throws IOException {
        writeBytes(fs, target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(FileSystem fs, Path target, byte[] bytes) throws IOException {
        fs.mkdirs(target.getParent());
        Path tmp = temporary(target);
        try (OutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }

    /** Renames a finished temporary folder into place, replacing an older folder. */
    public static void commitFolder(FileSystem fs, Path tmp, Path target) throws IOException {
        Path old = null;
        if (fs.exists(target)) {
            old = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".old");
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
