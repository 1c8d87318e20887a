package org.wienerspark.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per output folder: a lease file {@code <out>/_lease} naming its holder (id, host,
 * pid, user, command, start time) and refreshed by a heartbeat. A second run finds the file and is
 * refused, or waits; a lease whose holder stopped beating (or, on the same host, whose process is
 * gone) is stale and is taken over.
 *
 * <p>Exclusive creation is what makes it a lock: on {@code file://} it is {@code O_EXCL}
 * ({@code CREATE_NEW}), on HDFS the NameNode's create-if-absent. A stale lease is removed under a
 * second exclusive file (see {@code takeOver}) and then raced for like an absent one, so of many
 * runs started together exactly one holds the lease. Object stores have no
 * exclusive create in S3A's API: there the lease detects a concurrent run (the holder checks its
 * id on every beat and stops the job when it lost the lease) but cannot exclude one.
 */
public final class OutputLease implements AutoCloseable {

    /** The lease file's name in the output folder (hidden from Hadoop's input listing). */
    public static final String NAME = "_lease";

    private static final Logger LOG = LoggerFactory.getLogger(OutputLease.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who holds a lease, as written in the file. */
    public record Holder(String id, String host, long pid, String user, String command,
            long startedMillis, long heartbeatMillis) {

        /** The holder as a person reads it: who, where, since when, last seen. */
        public String describe() {
            return String.format("%s (pid %d on %s, user %s), started %s, last heartbeat %s: %s",
                    id, pid, host, user, Instant.ofEpochMilli(startedMillis),
                    Instant.ofEpochMilli(heartbeatMillis), command);
        }
    }

    /** Another live run holds the lease of the folder. */
    public static final class HeldException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Holder holder;

        HeldException(Path lease, Holder holder) {
            super(lease.getParent() + " is in use by another run: " + holder.describe()
                    + " (remove " + lease + " only if that run is gone)");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /** This run's lease was taken over or removed while it ran. */
    public static final class LostException extends IOException {
        private static final long serialVersionUID = 1L;

        LostException(String message) {
            super(message);
        }
    }

    /** How long a heartbeat may be missed before the lease is stale, and how often it beats. */
    public record Timing(Duration heartbeat, Duration staleAfter, Duration waitFor) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ZERO);

        public Timing {
            if (heartbeat.isNegative() || heartbeat.isZero() || staleAfter.compareTo(heartbeat) <= 0
                    || waitFor.isNegative()) {
                throw new IllegalArgumentException("lease timing: heartbeat " + heartbeat
                        + " must be positive and shorter than staleAfter " + staleAfter
                        + ", waitFor " + waitFor + " not negative");
            }
        }

        public Timing waitingFor(Duration wait) {
            return new Timing(heartbeat, staleAfter, wait);
        }
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder held;
    private final LongSupplier clock;
    private final ScheduledExecutorService beat;
    private volatile String lost;

    private OutputLease(FileSystem fs, Path path, Holder held, LongSupplier clock, Timing timing) {
        this.fs = fs;
        this.path = path;
        this.held = held;
        this.clock = clock;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "output-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = timing.heartbeat().toMillis();
        beat.scheduleWithFixedDelay(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lease of {@code folder} (creating the folder), waiting up to
     * {@code timing.waitFor()} for a live holder to let go.
     *
     * @throws HeldException when a live run holds it past the wait
     */
    public static OutputLease acquire(Configuration conf, Path folder, String command, Timing timing)
            throws IOException {
        return acquire(conf, folder, command, timing, System::currentTimeMillis);
    }

    static OutputLease acquire(Configuration conf, Path folder, String command, Timing timing,
            LongSupplier clock) throws IOException {
        FileSystem fs = folder.getFileSystem(conf);
        fs.mkdirs(folder);
        Path path = new Path(folder, NAME);
        long now = clock.getAsLong();
        Holder me = new Holder(UUID.randomUUID().toString(), hostName(), ProcessHandle.current().pid(),
                System.getProperty("user.name", "?"), command, now, now);
        long deadline = now + timing.waitFor().toMillis();
        while (true) {
            if (createExclusive(fs, path, me)) {
                LOG.info("took the lease {}", path);
                return new OutputLease(fs, path, me, clock, timing);
            }
            Holder other = inspect(fs, path);
            if (other == null) {
                continue; // released between our create and our read: try again
            }
            if (isStale(other, clock.getAsLong(), timing)) {
                LOG.warn("taking over the stale lease {} of {}", path, other.describe());
                takeOver(fs, path, other, me, timing);
                continue;
            }
            if (clock.getAsLong() >= deadline) {
                throw new HeldException(path, other);
            }
            sleep(Math.min(1000, Math.max(50, deadline - clock.getAsLong())));
        }
    }

    /**
     * The live holder of {@code folder}'s lease, if any: a cheap look before a run starts (the
     * lease itself is taken by {@link #acquire}, which alone is exclusive).
     */
    public static java.util.Optional<Holder> liveHolder(FileSystem fs, Path folder, Timing timing)
            throws IOException {
        Path path = new Path(folder, NAME);
        Holder h = inspect(fs, path);
        if (h == null || isStale(h, System.currentTimeMillis(), timing)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(h);
    }

    /** The holder of this lease (this run). */
    public Holder holder() {
        return held;
    }

    /** The lease file. */
    public Path path() {
        return path;
    }

    /** Fails when the lease was lost (taken over, removed) since it was taken. */
    public void checkHeld() throws LostException {
        String why = lost;
        if (why == null) {
            why = verify();
        }
        if (why != null) {
            throw new LostException("lost the lease " + path + ": " + why);
        }
    }

    /** Stops the heartbeat and removes the lease file if it is still this run's. */
    @Override
    public void close() throws IOException {
        beat.shutdownNow();
        try {
            beat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Holder now = inspect(fs, path);
        if (now != null && now.id().equals(held.id())) {
            fs.delete(path, false);
        }
    }

    private void heartbeat() {
        try {
            String why = verify();
            if (why != null) {
                lost = why;
                LOG.error("lost the lease {}: {}", path, why);
                beat.shutdown();
                return;
            }
            rewrite(fs, path, new Holder(held.id(), held.host(), held.pid(), held.user(), held.command(),
                    held.startedMillis(), clock.getAsLong()));
        } catch (IOException | RuntimeException e) {
            // A missed beat is not a lost lease; staleness allows several misses.
            LOG.warn("lease heartbeat of {} failed", path, e);
        }
    }

    /** Null when the file still names this run, else why not. */
    private String verify() {
        try {
            Holder now = read(fs, path);
            if (now == null) {
                return "the lease file was removed";
            }
            if (!now.id().equals(held.id())) {
                return "taken over by " + now.describe();
            }
            return null;
        } catch (IOException e) {
            return null; // unreadable for now (e.g. mid-rewrite): judged at the next beat
        }
    }

    static boolean isStale(Holder h, long now, Timing timing) {
        if (now - h.heartbeatMillis() > timing.staleAfter().toMillis()) {
            return true;
        }
        // On this host a dead process is stale at once, heartbeat or not.
        return h.host().equals(hostName()) && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true)
                && h.pid() != ProcessHandle.current().pid();
    }

    /**
     * Removes a stale lease so that the caller's next exclusive create can win. Takers serialise on
     * a second exclusive file, {@code _lease.takeover}, and check under it that the lease is still
     * the stale one: a fresh lease made meanwhile is never removed. A takeover file left by a taker
     * that died is itself removed once stale.
     */
    private static void takeOver(FileSystem fs, Path path, Holder stale, Holder me, Timing timing)
            throws IOException {
        Path guard = new Path(path.getParent(), NAME + ".takeover");
        if (!createExclusive(fs, guard, me)) {
            Holder taker = inspect(fs, guard);
            if (taker != null && me.heartbeatMillis() - taker.heartbeatMillis() > timing.staleAfter().toMillis()) {
                fs.delete(guard, false);
            }
            return; // another run is taking over: look again
        }
        try {
            Holder now = inspect(fs, path);
            if (now != null && now.id().equals(stale.id())) {
                fs.delete(path, false);
            }
        } finally {
            fs.delete(guard, false);
        }
    }

    private static boolean createExclusive(FileSystem fs, Path path, Holder h) throws IOException {
        java.io.File local = localFile(fs, path);
        if (local != null) {
            try {
                Files.write(local.toPath(), bytes(h), java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try {
            write(fs, path, h, false);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            // HDFS reports an existing file as AlreadyBeingCreated or as a remote FileAlreadyExists.
            if (fs.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    private static java.io.File localFile(FileSystem fs, Path path) {
        if (fs instanceof LocalFileSystem local) {
            return local.pathToFile(path);
        }
        if (fs instanceof RawLocalFileSystem raw) {
            return raw.pathToFile(path);
        }
        return null;
    }

    /** Replaces the file's content: a reader sees the old holder or the new one, never a part. */
    private static void rewrite(FileSystem fs, Path path, Holder h) throws IOException {
        java.io.File local = localFile(fs, path);
        if (local == null) {
            write(fs, path, h, true); // HDFS, object stores: a new file replaces the old one whole
            return;
        }
        java.nio.file.Path tmp = local.toPath().resolveSibling(NAME + ".beat-" + h.id());
        Files.write(tmp, bytes(h));
        Files.move(tmp, local.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void write(FileSystem fs, Path path, Holder h, boolean overwrite) throws IOException {
        try (OutputStream out = fs.create(path, overwrite)) {
            out.write(bytes(h));
        }
    }

    /**
     * The holder named by the file, null when there is none; a file that does not parse (cut
     * short, or not ours) stands for an unknown holder whose last heartbeat is its modification time.
     */
    static Holder inspect(FileSystem fs, Path path) throws IOException {
        try {
            return read(fs, path);
        } catch (IOException e) {
            long mtime;
            try {
                mtime = fs.getFileStatus(path).getModificationTime();
            } catch (FileNotFoundException gone) {
                return null;
            }
            return new Holder("unreadable@" + mtime, "?", -1, "?", "(" + e.getMessage() + ")", mtime, mtime);
        }
    }

    private static byte[] bytes(Holder h) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
    }

    /** The holder named by the file, or null when there is no file. */
    static Holder read(FileSystem fs, Path path) throws IOException {
        try (InputStream in = fs.open(path)) {
            return JSON.readValue(in, Holder.class);
        } catch (FileNotFoundException e) {
            return null;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(path + ": not a lease file (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a lease");
        }
    }
}
