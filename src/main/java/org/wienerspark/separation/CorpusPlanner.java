package org.wienerspark.separation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.dsp.Stft;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Csv;
import org.wienerspark.io.HadoopFiles;
import org.wienerspark.io.Npy;
import org.wienerspark.io.RandomAccessInput;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioContainer;
import org.wienerspark.io.AudioInfo;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.TrackNames;

/**
 * Lists the corpus on the driver and checks every track's inputs from their headers only
 * (formats, rates, channels, lengths, spectrogram shapes). A track with a problem is planned as
 * failed, with the file and the reason; the others go on.
 */
public final class CorpusPlanner {

    /** The mixture's file name without its extension: {@code mixture.wav} or {@code mixture.flac}. */
    public static final String MIXTURE = "mixture";
    /** The mixture's file name when it is WAV. */
    public static final String MIXTURE_FILE = "mixture.wav";
    public static final String RESIDUAL = "residual";
    /** Prefix of a plan note that names an input file left out, with the reason. */
    public static final String IGNORED = "ignored ";

    private static final Logger LOG = LoggerFactory.getLogger(CorpusPlanner.class);

    private final Configuration conf;
    private final SeparationConfig config;
    private final Stft stft;

    public CorpusPlanner(Configuration conf, SeparationConfig config) {
        this.conf = conf;
        this.config = config;
        this.stft = new Stft(config.nFft(), config.hop());
    }

    /** The tracks, in a stable order (folder listing sorted by name, or the manifest's order). */
    public List<TrackPlan> plan() throws IOException {
        Map<String, Inputs> tracks = config.manifest() != null ? fromManifest() : fromFolders();
        List<TrackPlan> plans = new ArrayList<>();
        for (Inputs in : tracks.values()) {
            plans.add(check(plans.size(), in));
        }
        return plans;
    }

    /**
     * A track's input files before checking.
     *
     * @param failure why the track cannot run (null when its inputs were found)
     * @param ignored "path: reason" for each file of its estimates folder left out
     */
    private record Inputs(String name, String mixture, List<String> sources, List<String> estimates,
                          Failure failure, List<String> ignored) {
    }

    private Map<String, Inputs> fromFolders() throws IOException {
        Path root = new Path(config.mixtures());
        FileSystem fs = root.getFileSystem(conf);
        if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
            throw new BadInputException(root.toString(), "--mixtures is not a folder");
        }
        boolean npy = config.spectrograms() != null;
        Path estimatesRoot = new Path(npy ? config.spectrograms() : config.estimates());
        if (!estimatesRoot.getFileSystem(conf).exists(estimatesRoot)) {
            throw new BadInputException(estimatesRoot.toString(), (npy ? "--spectrograms" : "--estimates")
                    + " folder does not exist");
        }
        FileStatus[] dirs = fs.listStatus(root);
        Arrays.sort(dirs);
        // Every track's folder is listed first: without --sources the track's sources are the union over
        // the corpus, so a track lacking one fails instead of running with fewer sources.
        Map<String, EstimateListing> listings = new LinkedHashMap<>();
        for (FileStatus d : dirs) {
            if (!d.isDirectory() || d.getPath().getName().startsWith(".") || d.getPath().getName().startsWith("_")) {
                continue;
            }
            String name = d.getPath().getName();
            listings.put(name, EstimateListing.list(conf, new Path(estimatesRoot, name), npy));
        }
        SortedSet<String> union = new TreeSet<>();
        for (EstimateListing l : listings.values()) {
            if (l != null) {
                union.addAll(l.candidates().keySet());
            }
        }
        List<String> wanted = config.sources().isEmpty() ? new ArrayList<>(union) : config.sources();
        Map<String, Inputs> out = new LinkedHashMap<>();
        for (FileStatus d : dirs) {
            String name = d.getPath().getName();
            if (!listings.containsKey(name)) {
                continue;
            }
            Path mixture = audioFile(fs, d.getPath(), MIXTURE);
            Path estDir = new Path(estimatesRoot, name);
            EstimateListing listing = listings.get(name);
            List<String> sources = new ArrayList<>();
            List<String> estimates = new ArrayList<>();
            List<String> ignored = new ArrayList<>();
            Failure failure = null;
            if (listing == null) {
                failure = Failure.of(qualified(estDir), "no estimates folder " + estDir);
            } else {
                for (Map.Entry<String, EstimateListing.Entry> e : listing.candidates().entrySet()) {
                    if (!wanted.contains(e.getKey())) {
                        ignored.add(e.getValue().path() + ": source '" + e.getKey() + "' is not in --sources "
                                + wanted);
                    }
                }
                ignored.addAll(listing.ignored());
                for (String s : wanted) {
                    EstimateListing.Entry e = listing.candidates().get(s);
                    if (e == null) {
                        failure = Failure.of(qualified(new Path(estDir, s + (npy ? ".npy" : ".wav"))),
                                "no estimate for source '" + s + "' (the track's sources are "
                                + (config.sources().isEmpty() ? "the union over the corpus, " : "--sources, ")
                                + wanted + ")");
                        break;
                    }
                    if (e.problem() != null) {
                        failure = Failure.of(e.path(), "estimate of source '" + s + "' cannot be read: "
                                + e.problem());
                        break;
                    }
                    sources.add(s);
                    estimates.add(e.path());
                }
                if (failure == null && wanted.isEmpty()) {
                    failure = Failure.of(qualified(estDir), "no " + (npy ? ".npy" : ".wav or .flac")
                            + " estimates in " + estDir);
                }
            }
            for (String i : ignored) {
                LOG.warn("track '{}': ignored {}", name, i);
            }
            out.put(name, new Inputs(name, qualified(mixture), sources, estimates, failure, ignored));
        }
        return out;
    }

    private Map<String, Inputs> fromManifest() throws IOException {
        Path path = new Path(config.manifest());
        Map<String, Inputs> out = new LinkedHashMap<>();
        FileSystem fs = path.getFileSystem(conf);
        if (!fs.exists(path) || !fs.getFileStatus(path).isFile()) {
            throw new BadInputException(path.toString(), "no such manifest file");
        }
        String name = path.toString();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.strip().replace(" ", "").equals("track,mixture,source,estimate")) {
                throw new BadInputException(name, "the manifest must start with the header line "
                        + "'track,mixture,source,estimate', got '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = Csv.fields(line).toArray(new String[0]);
                if (f.length != 4) {
                    throw new BadInputException(name, "line " + lineNo + " has " + f.length
                            + " fields, expected 4 (track,mixture,source,estimate)");
                }
                String track = f[0].strip();
                Path mixture = resolve(path, f[1].strip());
                Path estimate = resolve(path, f[3].strip());
                Inputs prev = out.get(track);
                if (prev != null && !prev.mixture().equals(qualified(mixture))) {
                    throw new BadInputException(name, "line " + lineNo + ": track '" + track
                            + "' has two mixtures, " + prev.mixture() + " and " + mixture);
                }
                List<String> sources = prev == null ? new ArrayList<>() : new ArrayList<>(prev.sources());
                List<String> estimates = prev == null ? new ArrayList<>() : new ArrayList<>(prev.estimates());
                sources.add(f[2].strip());
                estimates.add(qualified(estimate));
                out.put(track, new Inputs(track, qualified(mixture), sources, estimates, null, List.of()));
            }
        }
        return out;
    }

    /**
     * The audio file {@code <dir>/<stem>.wav} or {@code <dir>/<stem>.flac}, whichever exists (the
     * {@code .wav} name when neither does, so that the planner names it as missing).
     *
     * @throws BadInputException when both exist: which one is meant is unclear
     */
    private static Path audioFile(FileSystem fs, Path dir, String stem) throws IOException {
        Path wav = new Path(dir, stem + "." + AudioContainer.WAV.extension());
        Path flac = new Path(dir, stem + "." + AudioContainer.FLAC.extension());
        boolean hasFlac = fs.exists(flac);
        if (hasFlac && fs.exists(wav)) {
            throw new BadInputException(wav.toString(), "both " + wav.getName() + " and " + flac.getName()
                    + " exist in " + dir + "; keep one");
        }
        return hasFlac ? flac : wav;
    }

    /** A manifest path relative to the manifest's folder, or as given when absolute or a URI. */
    private static Path resolve(Path manifest, String p) {
        Path path = new Path(p);
        return path.isAbsolute() || path.toUri().getScheme() != null ? path : new Path(manifest.getParent(), p);
    }

    private String qualified(Path p) throws IOException {
        return p.getFileSystem(conf).makeQualified(p).toString();
    }

    private TrackPlan check(int index, Inputs in) {
        String nameProblem = TrackNames.problem(in.name());
        if (nameProblem != null) {
            return TrackPlan.failed(index, in.name(), in.mixture(), Failure.of(in.name(), nameProblem));
        }
        if (in.failure() != null) {
            return TrackPlan.failed(index, in.name(), in.mixture(), in.failure(), ignoredNotes(in));
        }
        for (String s : in.sources()) {
            String p = TrackNames.problem(s);
            if (p != null) {
                return TrackPlan.failed(index, in.name(), in.mixture(), Failure.of(s, "source name: " + p));
            }
        }
        if (in.sources().stream().distinct().count() != in.sources().size()) {
            return TrackPlan.failed(index, in.name(), in.mixture(), Failure.of(in.mixture(),
                    "a source is listed twice: " + in.sources()));
        }
        if (config.residual() && in.sources().contains(RESIDUAL)) {
            return TrackPlan.failed(index, in.name(), in.mixture(), Failure.of(in.mixture(),
                    "--residual adds a source named 'residual', but the estimates already have one"));
        }
        if (in.sources().size() == 1 && !config.residual()) {
            return TrackPlan.failed(index, in.name(), in.mixture(), Failure.of(in.estimates().get(0),
                    "only one source (" + in.sources().get(0) + ") and no --residual: the Wiener filter would "
                    + "return the mixture"));
        }
        List<String> all = new ArrayList<>(in.sources());
        if (config.residual()) {
            all.add(RESIDUAL);
        }
        for (Aggregate a : config.aggregates()) {
            String p = a.problem(all);
            if (p != null) {
                return TrackPlan.failed(index, in.name(), in.mixture(), Failure.of(in.mixture(), p));
            }
        }
        String current = in.mixture();
        try {
            AudioInfo mix = Audio.readInfo(conf, new Path(in.mixture()));
            if (mix.frames() > Integer.MAX_VALUE - 8) {
                throw new BadInputException(in.mixture(), "track of " + mix.frames() + " samples is too long");
            }
            int samples = (int) mix.frames();
            int frames = stft.frames(samples);
            List<String> notes = new ArrayList<>(ignoredNotes(in));
            boolean npy = in.estimates().stream().anyMatch(e -> e.endsWith(".npy"));
            if (!npy && !in.estimates().isEmpty()) {
                // When every estimate agrees on a rate and the mixture does not, the mixture is the odd file.
                Set<Integer> rates = new TreeSet<>();
                for (String e : in.estimates()) {
                    current = e;
                    rates.add(Audio.readInfo(conf, new Path(e)).sampleRate());
                }
                current = in.mixture();
                if (rates.size() == 1 && rates.iterator().next() != mix.sampleRate()) {
                    throw new BadInputException(in.mixture(), "mixture at " + mix.sampleRate()
                            + " Hz, its estimates are at " + rates.iterator().next() + " Hz");
                }
            }
            for (int j = 0; j < in.estimates().size(); j++) {
                current = in.estimates().get(j);
                if (npy != current.endsWith(".npy")) {
                    throw new BadInputException(current, "mixes .npy spectrograms and audio estimates in one track");
                }
                if (npy) {
                    checkSpectrogram(current, frames, mix.channels());
                } else {
                    checkEstimate(current, mix, notes, in.sources().get(j));
                }
            }
            List<String> sources = new ArrayList<>(in.sources());
            if (config.residual()) {
                sources.add(RESIDUAL);
            }
            return new TrackPlan(index, in.name(), in.mixture(), sources, in.estimates(), npy, mix.sampleRate(),
                    mix.channels(), samples, frames, mix.format(), notes, null);
        } catch (IOException | RuntimeException e) {
            return TrackPlan.failed(index, in.name(), in.mixture(), Failure.caught(LOG, e, current,
                    "plan track '" + in.name() + "'"));
        }
    }

    /** The report's lines for files left out of a track, each with the reason. */
    private static List<String> ignoredNotes(Inputs in) {
        List<String> notes = new ArrayList<>();
        for (String i : in.ignored()) {
            notes.add(IGNORED + i);
        }
        return notes;
    }

    private void checkEstimate(String path, AudioInfo mix, List<String> notes, String source) throws IOException {
        AudioInfo est = Audio.readInfo(conf, new Path(path));
        if (est.sampleRate() != mix.sampleRate()) {
            throw new BadInputException(path, "sample rate " + est.sampleRate() + " Hz, the mixture has "
                    + mix.sampleRate() + " Hz");
        }
        if (est.channels() != mix.channels()) {
            throw new BadInputException(path, est.channels() + " channels, the mixture has " + mix.channels());
        }
        long diff = est.frames() - mix.frames();
        if (Math.abs(diff) >= config.hop()) {
            throw new BadInputException(path, est.frames() + " samples, the mixture has " + mix.frames()
                    + ": lengths may differ by less than one hop (" + config.hop() + ")");
        }
        if (diff < 0) {
            notes.add(source + ": estimate is " + -diff + " samples shorter than the mixture, zero-padded");
        } else if (diff > 0) {
            notes.add(source + ": estimate is " + diff + " samples longer than the mixture, cropped");
        }
    }

    private void checkSpectrogram(String path, int frames, int channels) throws IOException {
        try (RandomAccessInput in = HadoopFiles.open(conf, new Path(path))) {
            Npy.Header h = Npy.readHeader(in);
            int[] s = h.shape();
            if (h.dtype().isComplex()) {
                throw new BadInputException(path, "spectrogram must be real magnitudes, found a complex array");
            }
            if (s.length != 3 || s[0] != frames || s[1] != stft.bins() || (s[2] != 1 && s[2] != channels)) {
                throw new BadInputException(path, "spectrogram of shape " + Arrays.toString(s) + ", expected ("
                        + frames + ", " + stft.bins() + ", 1 or " + channels + ") for the mixture's STFT (n_fft "
                        + config.nFft() + ", hop " + config.hop() + ")");
            }
            if (h.fortranOrder()) {
                throw new BadInputException(path, "spectrogram in Fortran order; frame-range reads need C order "
                        + "(numpy.ascontiguousarray before numpy.save)");
            }
        }
    }
}
