package org.wienerspark.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The separation and the evaluation with their inputs and outputs on {@code s3a://}, against an
 * S3-compatible server on 127.0.0.1 (S3Proxy), run through the launch scripts as a user runs them
 * ({@code jobs/separate ... --conf spark.hadoop.fs.s3a.endpoint=...}): the outputs are those of the
 * same run on local files byte for byte, markers and reports are where README says, and no
 * temporary object is left in the bucket.
 */
class S3AStorageIT {

    private static final String BUCKET = "wiener";
    private static final List<String> TRACKS = List.of("demo-01", "demo-02");
    private static final List<String> SOURCES = List.of("bass", "drums", "other", "vocals");
    // Checkpoints every iteration: they too are written to, and removed from, the bucket.
    private static final List<String> SEPARATE_OPTIONS = List.of("--iterations", "2", "--checkpoint-every", "1",
            "--block-frames", "64", "--quiet");
    private static final List<String> EVALUATE_OPTIONS = List.of("--targets", "vocals,bass");

    @TempDir
    static Path dir;
    private static S3ProxyServer server;
    private static S3Client s3;
    private static Path corpus;

    @BeforeAll
    static void startServerAndUploadCorpus() throws Exception {
        server = S3ProxyServer.start(dir);
        s3 = S3Client.builder().endpointOverride(server.endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        corpus = dir.resolve("corpus");
        assertEquals(0, Main.run("demo-data", "--output", corpus.toString(), "--tracks", "2", "--seconds", "4"));
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String key = "in/" + corpus.relativize(f).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f));
            }
        }
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void separationOnS3EqualsTheLocalRunAndLeavesNoTemporaryObject() throws Exception {
        Path local = dir.resolve("separated-local");
        run("separate-local", Map.of(), "separate", JobScripts.concat(List.of("--mixtures", corpus.resolve("mixtures").toString(),
                "--estimates", corpus.resolve("estimates").toString(), "--output", local.toString()), SEPARATE_OPTIONS));

        // Credentials by --conf, as spark-submit takes them.
        List<String> s3Run = JobScripts.concat(List.of("--mixtures", "s3a://" + BUCKET + "/in/mixtures", "--estimates",
                "s3a://" + BUCKET + "/in/estimates", "--output", "s3a://" + BUCKET + "/separated"), SEPARATE_OPTIONS,
                s3aConf(), List.of("--conf", "spark.hadoop.fs.s3a.access.key=" + S3ProxyServer.ACCESS_KEY,
                        "--conf", "spark.hadoop.fs.s3a.secret.key=" + S3ProxyServer.SECRET_KEY));
        run("separate-s3", Map.of(), "separate", s3Run);

        TreeSet<String> expected = new TreeSet<>();
        expected.add("separated/_report.json");
        for (String track : TRACKS) {
            expected.add("separated/" + track + "/_SUCCESS");
            for (String source : SOURCES) {
                String key = "separated/" + track + "/" + source + ".wav";
                expected.add(key);
                assertArrayEquals(Files.readAllBytes(local.resolve(track + "/" + source + ".wav")), get(key), key);
            }
        }
        // Exactly the outputs: no temporary file, no checkpoint, no multipart upload left open.
        assertEquals(expected, objects("separated/"));
        assertEquals(0, s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size(), "open multipart uploads");
        assertTrue(new String(get("separated/_report.json")).contains("\"ok\""), "report");

        // A rerun of the same command finds every track complete (its marker) and skips it.
        Path rerun = run("separate-s3-rerun", Map.of(), "separate", s3Run);
        assertTrue(Files.readString(rerun).contains("0 ok, 0 failed, 2 skipped"), JobScripts.tail(rerun));
        assertEquals(expected, objects("separated/"));
    }

    @Test
    void evaluationOnS3EqualsTheLocalRun() throws Exception {
        Path local = dir.resolve("scores-local");
        run("evaluate-local", Map.of(), "evaluate", JobScripts.concat(List.of("--references", corpus.resolve("references").toString(),
                "--estimates", corpus.resolve("estimates").toString(), "--output", local.toString()), EVALUATE_OPTIONS));

        // Credentials from the environment: S3A's default provider chain, not set by the launcher.
        run("evaluate-s3", Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                S3ProxyServer.SECRET_KEY), "evaluate", JobScripts.concat(List.of("--references", "s3a://" + BUCKET + "/in/references",
                "--estimates", "s3a://" + BUCKET + "/in/estimates", "--output", "s3a://" + BUCKET + "/scores"),
                EVALUATE_OPTIONS, s3aConf()));

        TreeSet<String> expected = new TreeSet<>(List.of("scores/summary.csv", "scores/summary.md", "scores/sdr.png",
                "scores/charts/SIR.png", "scores/charts/ISR.png", "scores/charts/SAR.png", "scores/charts/global_SDR.png"));
        for (String track : TRACKS) {
            String key = "scores/test/" + track + ".json";
            expected.add(key);
            assertArrayEquals(Files.readAllBytes(local.resolve("test/" + track + ".json")), get(key), key);
        }
        assertArrayEquals(Files.readAllBytes(local.resolve("summary.csv")), get("scores/summary.csv"), "summary.csv");
        assertTrue(new String(get("scores/summary.md")).contains("s3a://" + BUCKET + "/in/references"), "summary.md");
        expected.add("scores/report.html");
        TreeSet<String> found = objects("scores/");
        // The score tables are folders of part files with run-specific names: checked by their shape.
        TreeSet<String> tables = new TreeSet<>();
        for (String k : found) {
            if (k.startsWith("scores/frames.parquet/") || k.startsWith("scores/tracks.parquet/")) {
                tables.add(k);
            }
        }
        found.removeAll(tables);
        assertEquals(expected, found);
        for (String t : List.of("frames", "tracks")) {
            String table = "scores/" + t + ".parquet/";
            assertTrue(tables.contains(table + "_SUCCESS"), table + " committed: " + tables);
            assertTrue(tables.stream().anyMatch(k -> k.startsWith(table + "method=") && k.endsWith(".parquet")),
                    table + " holds its part files: " + tables);
        }
        assertTrue(tables.stream().noneMatch(k -> k.contains("inprogress") || k.contains("_temporary")),
                "no temporary object in the tables: " + tables);
    }

    /** The endpoint and addressing of the server on loopback, as a user passes them. */
    private static List<String> s3aConf() {
        return List.of("--conf", "spark.hadoop.fs.s3a.endpoint=" + server.endpoint,
                "--conf", "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
                "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
                "--conf", "spark.master=local[2]", "--driver-memory", "1g");
    }

    private static Path run(String name, Map<String, String> env, String script, List<String> args)
            throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        int exit = JobScripts.run(log, env, script, args);
        assertEquals(0, exit, "jobs/" + script + " (" + name + ") exit code; log:\n" + JobScripts.tail(log)
                + "\nS3Proxy log: " + server.log());
        return log;
    }

    private static byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    /**
     * Every object under the prefix, less the zero-byte "directory/" markers S3A may write for the
     * output folder and its subfolders (not for a temporary folder such as _checkpoints).
     */
    private static TreeSet<String> objects(String prefix) {
        TreeSet<String> folders = new TreeSet<>(List.of(prefix, prefix + "test/", prefix + "charts/"));
        TRACKS.forEach(t -> folders.add(prefix + t + "/"));
        TreeSet<String> keys = new TreeSet<>();
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents()) {
            if (!(folders.contains(o.key()) && o.size() == 0)) {
                keys.add(o.key());
            }
        }
        return keys;
    }
}
