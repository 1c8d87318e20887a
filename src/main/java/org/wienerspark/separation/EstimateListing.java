package org.wienerspark.separation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.wienerspark.io.AudioContainer;

/**
 * One track's estimates folder, every name in it accounted for: each file with an estimate's
 * extension is a candidate source (with the reason when it cannot be read), every other name is
 * listed as ignored with the reason. Hadoop's local {@code listStatus} silently drops dangling
 * symbolic links and loops, so {@code file://} folders are listed with java.nio, which sees every name.
 *
 * @param candidates source name to its entry, sorted by name
 * @param ignored    "path: reason" for each name that is not an estimate
 */
record EstimateListing(Map<String, Entry> candidates, List<String> ignored) {

    /** A candidate estimate: its qualified path, and why it cannot be read (null when it can). */
    record Entry(String path, String problem) {
    }

    /** The listing of {@code dir}, or null when there is no such folder. */
    static EstimateListing list(Configuration conf, Path dir, boolean npy) throws IOException {
        FileSystem fs = dir.getFileSystem(conf);
        Path qualified = fs.makeQualified(dir);
        Map<String, Entry> candidates = new TreeMap<>();
        List<String> ignored = new ArrayList<>();
        if ("file".equals(qualified.toUri().getScheme())) {
            java.nio.file.Path local = Paths.get(qualified.toUri());
            if (!Files.isDirectory(local)) {
                return null;
            }
            List<java.nio.file.Path> names = new ArrayList<>();
            try (DirectoryStream<java.nio.file.Path> ds = Files.newDirectoryStream(local)) {
                ds.forEach(names::add);
            }
            names.sort(null);
            for (java.nio.file.Path p : names) {
                String path = new Path(qualified, p.getFileName().toString()).toString();
                add(candidates, ignored, p.getFileName().toString(), path, npy, localProblem(p));
            }
        } else {
            if (!fs.exists(qualified) || !fs.getFileStatus(qualified).isDirectory()) {
                return null;
            }
            FileStatus[] files = fs.listStatus(qualified);
            java.util.Arrays.sort(files);
            for (FileStatus f : files) {
                String problem = f.isFile() ? null : f.isDirectory() ? "a folder, not a regular file"
                        : "not a regular file (a symbolic link?)";
                add(candidates, ignored, f.getPath().getName(), f.getPath().toString(), npy, problem);
            }
        }
        return new EstimateListing(candidates, ignored);
    }

    private static void add(Map<String, Entry> candidates, List<String> ignored, String name, String path,
                            boolean npy, String problem) {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean estimate = npy ? lower.endsWith(".npy") : AudioContainer.isAudio(name);
        if (name.startsWith(".")) {
            ignored.add(path + ": hidden file");
        } else if (!estimate) {
            ignored.add(path + ": not " + (npy ? "a .npy spectrogram" : "an audio file (.wav, .wave, .flac)"));
        } else if (name.substring(0, name.lastIndexOf('.')).equals(CorpusPlanner.MIXTURE)) {
            ignored.add(path + ": the mixture's name, not an estimate");
        } else {
            String source = name.substring(0, name.lastIndexOf('.'));
            Entry prev = candidates.get(source);
            if (prev != null) {
                candidates.put(source, new Entry(prev.path(), "two estimates for source '" + source + "': "
                        + prev.path() + " and " + path));
            } else {
                candidates.put(source, new Entry(path, problem));
            }
        }
    }

    /** Why a local entry cannot be read as an estimate, or null. */
    private static String localProblem(java.nio.file.Path p) {
        BasicFileAttributes target;
        try {
            target = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(p)) {
                String reason = e.getReason() == null ? "" : " (" + e.getReason() + ")";
                try {
                    return Files.exists(p.resolveSibling(Files.readSymbolicLink(p)), LinkOption.NOFOLLOW_LINKS)
                            ? "symbolic link that cannot be followed" + reason + ", a loop?"
                            : "dangling symbolic link to " + Files.readSymbolicLink(p) + ", which does not exist";
                } catch (IOException e2) {
                    return "symbolic link that cannot be followed" + reason;
                }
            }
            return "cannot be read: " + e;
        } catch (IOException e) {
            return "cannot be read: " + e;
        }
        if (!target.isRegularFile()) {
            return target.isDirectory() ? "a folder, not a regular file" : "not a regular file";
        }
        if (!Files.isReadable(p)) {
            return "not readable (permissions)";
        }
        return null;
    }
}
