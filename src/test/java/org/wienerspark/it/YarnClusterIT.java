package org.wienerspark.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.separation.StandaloneCluster;

/**
 * The application jar submitted with {@code jobs/submit --master yarn} to a YARN cluster
 * (MiniYARNCluster: a ResourceManager and a NodeManager that launches real container JVMs) with
 * its HDFS (MiniDFSCluster), all on 127.0.0.1, separates a corpus on HDFS into the bytes of the
 * same run in local mode, in both deploy modes: client (the driver runs in spark-submit, the
 * ApplicationMaster and two executors in YARN containers) and cluster (the driver runs in the
 * ApplicationMaster's container, which reports SUCCEEDED only if Main.main returns without
 * System.exit; spark-submit then exits 0).
 */
class YarnClusterIT {

    private static final List<String> TRACKS = List.of("demo-01", "demo-02");
    private static final List<String> SOURCES = List.of("bass", "drums", "other", "vocals");
    private static final List<String> OPTIONS = List.of("--iterations", "2", "--block-frames", "64", "--quiet");

    @TempDir
    Path dir;

    @Test
    void yarnOutputEqualsLocalMode() throws Exception {
        Path corpus = dir.resolve("corpus");
        assertEquals(0, Main.run("demo-data", "--output", corpus.toString(), "--tracks", "2", "--seconds", "3"));
        Path local = dir.resolve("local");
        Path localLog = dir.resolve("separate-local.log");
        assertEquals(0, JobScripts.run(localLog, Map.of(), "separate", JobScripts.concat(List.of("--mixtures",
                corpus.resolve("mixtures").toString(), "--estimates", corpus.resolve("estimates").toString(),
                "--output", local.toString(), "--driver-memory", "1g"), OPTIONS)), JobScripts.tail(localLog));

        Configuration dfsConf = new Configuration();
        dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
        MiniYARNCluster yarn = null;
        try {
            dfs.waitActive();
            FileSystem hdfs = dfs.getFileSystem();
            String uri = dfs.getURI().toString();
            hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(corpus.toUri()), new org.apache.hadoop.fs.Path(uri + "/in"));

            yarn = new MiniYARNCluster("wiener-yarn-it", 1, 1, 1);
            yarn.init(yarnConf(uri));
            yarn.start();
            Path hadoopConf = writeClientConf(yarn.getConfig(), uri);

            Path sparkHome = new StandaloneCluster(dir.resolve("spark")).sparkHome;
            for (String mode : List.of("client", "cluster")) {
                submit(mode, uri, sparkHome, hadoopConf);
                Path back = dir.resolve("from-hdfs-" + mode);
                hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path(uri + "/out-" + mode),
                        new org.apache.hadoop.fs.Path(back.toUri()));
                for (String track : TRACKS) {
                    for (String source : SOURCES) {
                        String name = track + "/" + source + ".wav";
                        assertArrayEquals(Files.readAllBytes(local.resolve(name)),
                                Files.readAllBytes(back.resolve(name)), mode + " mode: " + name);
                    }
                    assertTrue(Files.exists(back.resolve(track + "/_SUCCESS")), mode + " mode: " + track + "/_SUCCESS");
                }
                assertTrue(Files.exists(back.resolve("_report.json")), mode + " mode: _report.json");
            }
        } finally {
            if (yarn != null) {
                yarn.stop();
            }
            dfs.shutdown(true);
        }
    }

    /** {@code jobs/submit --master yarn --deploy-mode MODE -- separate ...} into {@code <hdfs>/out-MODE}. */
    private void submit(String mode, String uri, Path sparkHome, Path hadoopConf) throws Exception {
        Path log = dir.resolve("submit-" + mode + ".log");
        List<String> submit = new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", mode,
                "--num-executors", "2", "--executor-cores", "1", "--executor-memory", "640m",
                // The Spark runtime of the containers: the jars already on this machine (local:,
                // nothing uploaded); on a real cluster, a copy of them on HDFS.
                "--conf", "spark.yarn.jars=local:" + sparkHome.resolve("jars") + "/*",
                "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + System.getProperty("java.home"),
                "--conf", "spark.executorEnv.JAVA_HOME=" + System.getProperty("java.home"),
                "--conf", "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.yarn.report.interval=2s",
                // a failed attempt is not retried: the test reports it at once
                "--conf", "spark.yarn.maxAppAttempts=1",
                "--"));
        submit.addAll(JobScripts.concat(List.of("separate", "--mixtures", uri + "/in/mixtures", "--estimates",
                uri + "/in/estimates", "--output", uri + "/out-" + mode), OPTIONS));
        int exit = JobScripts.run(log, Map.of("SPARK_HOME", sparkHome.toString(), "HADOOP_CONF_DIR",
                hadoopConf.toString()), "submit", submit);
        // In cluster mode spark-submit waits for the application and exits 0 only when its final
        // status is SUCCEEDED (a FAILED attempt is not retried here: spark.yarn.maxAppAttempts=1).
        // (the message is built only for a failure: the container folders are being deleted)
        assertEquals(0, exit, () -> mode + " mode: jobs/submit exit code; log:\n" + JobScripts.tail(log)
                + "\ncontainer logs:\n" + containerLogs());
    }

    /** One NodeManager with room for the ApplicationMaster (the driver) and two executors. */
    private static YarnConfiguration yarnConf(String defaultFs) {
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("fs.defaultFS", defaultFs);
        for (String role : List.of("resourcemanager", "nodemanager", "timeline-service")) {
            conf.set("yarn." + role + ".bind-host", "127.0.0.1");
        }
        conf.setInt("yarn.nodemanager.resource.memory-mb", 6144);
        conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 128);
        conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
        conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
        // A full disk on a developer's machine would mark the only NodeManager unhealthy.
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        conf.set("yarn.nodemanager.disk-health-checker.min-free-space-per-disk-mb", "0");
        // hadoop-client-minicluster has no capacity-scheduler.xml: one queue, all of the cluster.
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        return conf;
    }

    /**
     * HADOOP_CONF_DIR for spark-submit: the cluster's configuration once the ResourceManager has
     * its port (MiniYARNCluster may return from start() before it does).
     */
    private Path writeClientConf(Configuration conf, String defaultFs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (conf.get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Configuration client = new Configuration(conf);
        client.set("fs.defaultFS", defaultFs);
        Path out = Files.createDirectories(dir.resolve("hadoop-conf"));
        for (String file : List.of("core-site.xml", "yarn-site.xml")) {
            try (OutputStream s = Files.newOutputStream(out.resolve(file))) {
                client.writeXml(s);
            }
        }
        return out;
    }

    /**
     * The tail of every container's stderr, for a failure's message. The NodeManager deletes an
     * ended application's directories meanwhile: what vanishes during the walk is skipped.
     */
    private static String containerLogs() {
        StringBuilder sb = new StringBuilder();
        try {
            Files.walkFileTree(Path.of("target", "test", "data", "wiener-yarn-it"), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (f.getFileName().toString().equals("stderr")) {
                        sb.append("== ").append(f).append('\n').append(JobScripts.tail(f)).append('\n');
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            sb.append("(none: ").append(e).append(')');
        }
        return sb.toString();
    }
}
