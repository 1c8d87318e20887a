package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;
import org.wienerspark.core.Tensors;

/**
 * The separation job with its input and output on a real HDFS (MiniDFSCluster) equals the same
 * job on file://; a space quota hit while writing fails just the track that did not fit.
 */
class HdfsJobTest {

    @TempDir
    static Path base;
    private static MiniDFSCluster cluster;
    private static FileSystem hdfs;

    @BeforeAll
    static void startCluster() throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        conf.set("hadoop.tmp.dir", base.resolve("tmp").toString());
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 4096);
        // Small HDFS blocks, so that the job's range reads cross block boundaries.
        conf.setLong("dfs.blocksize", 32 * 1024);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        hdfs = cluster.getFileSystem();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown(true);
        }
    }

    @Test
    void jobOnHdfsEqualsJobOnLocalFiles() throws IOException {
        Path corpus = base.resolve("corpus");
        TestCorpus.track(corpus, "one", 2, 7000, 3, 20.0, 21);
        TestCorpus.track(corpus, "two", 1, 3000, 3, 1.0, 22);
        String uri = cluster.getURI().toString();
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(corpus.toUri()), new org.apache.hadoop.fs.Path(uri + "/in"));

        Path local = base.resolve("local-out");
        SeparationReport a = SeparationJob.run(SparkTestSession.get(), config(corpus.resolve("mixtures").toString(),
                corpus.resolve("estimates").toString(), local.toString()));
        SeparationReport b = SeparationJob.run(SparkTestSession.get(), config(uri + "/in/mixtures", uri + "/in/estimates",
                uri + "/out"));
        assertEquals(2, a.count(Status.OK));
        assertEquals(2, b.count(Status.OK));
        Path back = base.resolve("from-hdfs");
        hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path(uri + "/out"), new org.apache.hadoop.fs.Path(back.toUri()));
        for (String track : List.of("one", "two")) {
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(Files.readAllBytes(local.resolve(track + "/s" + j + ".wav")),
                        Files.readAllBytes(back.resolve(track + "/s" + j + ".wav")), track + "/s" + j);
            }
            assertEquals(true, Files.exists(back.resolve(track + "/_SUCCESS")));
        }
        assertEquals(true, Files.exists(back.resolve("_report.json")));
    }

    /**
     * An HDFS space quota hit in the write stage fails the track that does not fit, with the
     * quota's message, removes its temporary files and lets the next track finish; with the quota
     * lifted, the rerun writes the bytes of an undisturbed run.
     */
    @Test
    void aSpaceQuotaFailsTheTrackItHitAndTheRerunCompletesIt() throws IOException {
        Path corpus = base.resolve("quota-corpus");
        TestCorpus.track(corpus, "a", 2, 1000, 2, 1.0, 31);
        TestCorpus.track(corpus, "b-long", 2, 20000, 2, 1.0, 32);  // 2 x 320 KB of float64 stems
        TestCorpus.track(corpus, "c", 2, 1000, 2, 1.0, 33);
        String uri = cluster.getURI().toString();
        hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(corpus.toUri()), new org.apache.hadoop.fs.Path(uri
                + "/quota-in"));
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(uri + "/quota-out");
        hdfs.mkdirs(out);
        org.apache.hadoop.hdfs.DistributedFileSystem dfs = cluster.getFileSystem();
        dfs.setQuota(out, org.apache.hadoop.hdfs.protocol.HdfsConstants.QUOTA_DONT_SET, 256 * 1024);
        SeparationConfig config = SeparationConfig.builder().mixtures(uri + "/quota-in/mixtures")
                .estimates(uri + "/quota-in/estimates").output(out.toString()).iterations(0).nFft(256).hop(64)
                .blockFrames(16).outputFormat(AudioOutputFormat.FLOAT64).partitions(1).quiet(true).build();
        // One write task: a, b-long, c one after the other.
        SeparationReport r = SeparationJob.run(SparkTestSession.get(), config);
        List<String> names = r.plans().stream().map(TrackPlan::name).toList();
        TrackResult b = r.results().get(names.indexOf("b-long"));
        assertEquals(Status.FAILED, b.status());
        assertEquals(true, b.failure().message().contains("quota"), b.failure().message());
        assertEquals(Status.OK, r.results().get(names.indexOf("a")).status());
        assertEquals(Status.OK, r.results().get(names.indexOf("c")).status(), "the track after it finishes");
        assertEquals(true, hdfs.exists(new org.apache.hadoop.fs.Path(out, "_report.json")));
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> files = hdfs.listFiles(out, true);
        while (files.hasNext()) {
            String name = files.next().getPath().getName();
            assertEquals(false, name.endsWith(".inprogress"), "temporary file left: " + name);
        }

        dfs.setQuota(out, org.apache.hadoop.hdfs.protocol.HdfsConstants.QUOTA_DONT_SET,
                org.apache.hadoop.hdfs.protocol.HdfsConstants.QUOTA_RESET);
        SeparationReport again = SeparationJob.run(SparkTestSession.get(), config);
        assertEquals(Status.OK, again.results().get(names.indexOf("b-long")).status());
        Path local = base.resolve("quota-undisturbed");
        SeparationJob.run(SparkTestSession.get(), SeparationConfig.builder()
                .mixtures(corpus.resolve("mixtures").toString()).estimates(corpus.resolve("estimates").toString())
                .output(local.toString()).iterations(0).nFft(256).hop(64).blockFrames(16)
                .outputFormat(AudioOutputFormat.FLOAT64).partitions(1).quiet(true).build());
        Path back = base.resolve("quota-back");
        hdfs.copyToLocalFile(out, new org.apache.hadoop.fs.Path(back.toUri()));
        for (String track : List.of("a", "b-long", "c")) {
            for (int j = 0; j < 2; j++) {
                assertArrayEquals(Files.readAllBytes(local.resolve(track + "/s" + j + ".wav")),
                        Files.readAllBytes(back.resolve(track + "/s" + j + ".wav")), track + "/s" + j);
            }
        }
    }

    private static SeparationConfig config(String mixtures, String estimates, String out) {
        return SeparationConfig.builder().mixtures(mixtures).estimates(estimates).output(out).iterations(2)
                .nFft(256).hop(64).blockFrames(10).outputFormat(AudioOutputFormat.FLOAT64).partitions(3).quiet(true)
                .checkpointEvery(0).build();
    }
}
