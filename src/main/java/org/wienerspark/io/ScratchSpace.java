package org.wienerspark.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local scratch space of a run (Spark's {@code spark.local.dir}: shuffle files, cached blocks):
 * one folder per run, {@code <root>/run-<pid>}, with an {@code owner} file naming the process and
 * its start time. Spark deletes what it made when it stops cleanly; a killed run cannot, so every
 * run first removes the folders of runs whose process is gone (a reused pid is told apart by its
 * start time) and removes its own folder when it ends.
 */
public final class ScratchSpace implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchSpace.class);
    private static final String OWNER = "owner";
    private static final String PREFIX = "run-";

    /** What {@link #claim} removed of killed runs. */
    public record Cleaned(List<Path> folders, long bytes) {
    }

    private final Path dir;
    private final Cleaned cleaned;

    private ScratchSpace(Path dir, Cleaned cleaned) {
        this.dir = dir;
        this.cleaned = cleaned;
    }

    /** The default root: {@code <java.io.tmpdir>/wiener-spark-scratch-<user>}. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"),
                "wiener-spark-scratch-" + System.getProperty("user.name", "user"));
    }

    /** Removes the folders of dead runs under {@code root}, then makes this process's own. */
    public static ScratchSpace claim(Path root) throws IOException {
        Files.createDirectories(root);
        Cleaned cleaned = cleanDead(root);
        ProcessHandle me = ProcessHandle.current();
        Path dir = root.resolve(PREFIX + me.pid());
        if (Files.exists(dir)) {
            delete(dir); // a dead run of the same pid, started before us: it cannot be ours
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(OWNER), me.pid() + " " + startOf(me).map(Instant::toString).orElse("?"),
                StandardCharsets.UTF_8);
        if (!cleaned.folders().isEmpty()) {
            LOG.warn("removed the scratch space of {} killed run(s) under {}: {} MB", cleaned.folders().size(),
                    root, cleaned.bytes() >> 20);
        }
        return new ScratchSpace(dir, cleaned);
    }

    /** This run's folder. */
    public Path dir() {
        return dir;
    }

    public Cleaned cleaned() {
        return cleaned;
    }

    /** Removes this run's folder and what is left in it. */
    @Override
    public void close() throws IOException {
        delete(dir);
    }

    static Cleaned cleanDead(Path root) throws IOException {
        List<Path> removed = new java.util.ArrayList<>();
        long bytes = 0;
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path run : runs) {
                if (Files.isDirectory(run) && !isLive(run)) {
                    bytes += delete(run);
                    removed.add(run);
                }
            }
        }
        return new Cleaned(removed, bytes);
    }

    /** Whether the process that made {@code run} still runs (same pid, same start time). */
    static boolean isLive(Path run) {
        String owner;
        try {
            owner = Files.readString(run.resolve(OWNER), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            // No owner file yet: a run that is just starting, unless the folder is old.
            return age(run) < 60_000;
        }
        String[] parts = owner.split(" ", 2);
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        String started = parts.length > 1 ? parts[1] : "?";
        return started.equals("?") || startOf(p.get()).map(Instant::toString).map(started::equals).orElse(true);
    }

    private static Optional<Instant> startOf(ProcessHandle p) {
        return p.info().startInstant();
    }

    private static long age(Path p) {
        try {
            return System.currentTimeMillis() - Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Deletes a tree, returning the bytes of the files it held. */
    static long delete(Path tree) throws IOException {
        AtomicLong bytes = new AtomicLong();
        try {
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    bytes.addAndGet(attrs.size());
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // already gone
        }
        return bytes.get();
    }
}
