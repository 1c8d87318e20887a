package org.wienerspark.separation;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 for integration tests: a Master and Workers as
 * separate JVMs started from the Spark jars (a SPARK_HOME whose jars/ links the test classpath's
 * jars), and spark-submit as {@code org.apache.spark.deploy.SparkSubmit}. Every process is
 * stopped by {@link #close}. Public for the integration tests of {@code org.wienerspark.it}, which
 * use its SPARK_HOME.
 */
public final class StandaloneCluster implements AutoCloseable {

    public final Path sparkHome;
    final int masterPort;
    final int webPort;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();

    public StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.sparkHome = dir.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("conf"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            // Spark, Hadoop and their dependencies; not the test tools nor our own classes.
            if (name.endsWith(".jar") && !name.startsWith("junit") && !name.contains("minicluster")
                    && !name.startsWith("opentest4j") && !name.startsWith("apiguardian")) {
                Path link = sparkHome.resolve("jars").resolve(name);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p);
                }
            }
        }
        Files.copy(Path.of(System.getProperty("wienerspark.confDir"), "log4j2.properties"),
                sparkHome.resolve("conf/log4j2.properties"));
        this.masterPort = freePort();
        this.webPort = freePort();
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    void start(int workerCount) throws IOException, InterruptedException {
        start(workerCount, false);
    }

    /**
     * Starts the master and the workers; with {@code distinctHosts}, every other worker is
     * named {@code localhost} instead of {@code 127.0.0.1} (the same loopback address): Spark
     * runs a speculative copy of a task only on another host than the original's, so
     * speculation needs two host names.
     */
    void start(int workerCount, boolean distinctHosts) throws IOException, InterruptedException {
        processes.add(launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(webPort)));
        for (int i = 0; i < workerCount; i++) {
            Path work = Files.createDirectories(dir.resolve("worker-" + i));
            String host = distinctHosts && i % 2 == 1 ? "localhost" : "127.0.0.1";
            Process w = launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", host,
                    "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", work.toString(), masterUrl());
            processes.add(w);
            workers.add(w);
        }
        // Workers took over 60 s to register on a loaded 2-core machine (load average 24).
        awaitWorkers(workerCount, Duration.ofMinutes(3));
    }

    List<Process> workers() {
        return workers;
    }

    /** The executor JVMs running now: the children of the worker JVMs. */
    List<ProcessHandle> executors() {
        return workers.stream().flatMap(Process::children).filter(ProcessHandle::isAlive).toList();
    }

    /** Runs spark-submit in client mode; returns its exit code. */
    int submit(Path log, String... appArgs) throws IOException, InterruptedException {
        Process p = submitAsync(log, appArgs);
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("spark-submit did not finish in 8 minutes; log: " + log);
        }
        return p.exitValue();
    }

    /** Starts spark-submit in client mode, its output going to {@code log}. */
    Process submitAsync(Path log, String... appArgs) throws IOException {
        return submitAsync(log, List.of(), appArgs);
    }

    /** Starts spark-submit in client mode with extra {@code --conf KEY=VALUE} settings. */
    Process submitAsync(Path log, List<String> sparkConf, String... appArgs) throws IOException {
        List<String> cmd = new ArrayList<>(java("org.apache.spark.deploy.SparkSubmit"));
        for (String kv : sparkConf) {
            cmd.add("--conf");
            cmd.add(kv);
        }
        cmd.addAll(List.of("--master", masterUrl(), "--deploy-mode", "client",
                "--properties-file", System.getProperty("wienerspark.confDir") + "/spark-defaults.conf",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=768m",
                "--driver-memory", "1g", "--class", "org.wienerspark.cli.Main",
                System.getProperty("wienerspark.appJar")));
        cmd.addAll(List.of(appArgs));
        Process p = processBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        return p;
    }

    private Process launch(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(java(mainClass));
        cmd.addAll(List.of(args));
        return processBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    private List<String> java(String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(List.of(System.getProperty("wienerspark.moduleOpens").trim().split("\\s+")));
        cmd.add("-Dlog4j2.configurationFile=" + sparkHome.resolve("conf/log4j2.properties"));
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*");
        cmd.add(mainClass);
        return cmd;
    }

    private ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb;
    }

    private void awaitWorkers(int count, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (json.replace(" ", "").contains("\"aliveworkers\":" + count)) {
                    return;
                }
            } catch (IOException notYet) {
                // the master is still starting
            }
            Thread.sleep(500);
        }
        throw new IOException(count + " workers did not register in " + timeout + "; logs in " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
