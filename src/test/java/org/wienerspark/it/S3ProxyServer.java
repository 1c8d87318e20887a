package org.wienerspark.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy, an S3-compatible server, on 127.0.0.1 with an in-memory store ("transient"), in a JVM of
 * its own started from its self-contained jar (Maven copies it to target/it-tools before the
 * integration tests), so that its libraries never meet Spark's and Hadoop's.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "wiener-access";
    static final String SECRET_KEY = "wiener-secret";

    final URI endpoint;
    private final Process process;
    private final Path log;

    private S3ProxyServer(URI endpoint, Process process, Path log) {
        this.endpoint = endpoint;
        this.process = process;
        this.log = log;
    }

    static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path props = dir.resolve("s3proxy.properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                // The AWS SDK sends x-amz-checksum-crc32 with DeleteObjects (S3A's bulk delete),
                // which S3 accepts and S3Proxy 2.7 refuses as unknown (gaul/s3proxy#962).
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=transient",
                "jclouds.identity=" + ACCESS_KEY,
                "jclouds.credential=" + SECRET_KEY, ""));
        Path log = dir.resolve("s3proxy.log");
        String jar = System.getProperty("wienerspark.s3proxyJar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IOException("no S3Proxy jar at " + jar + " (mvn verify copies it to target/it-tools)");
        }
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar, "--properties", props.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(endpoint, p, log);
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("S3Proxy exited with " + p.exitValue() + "; log: " + JobScripts.tail(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(300);
            }
        }
        server.close();
        throw new IOException("S3Proxy did not listen on " + endpoint + " in 3 minutes; log: " + log);
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
