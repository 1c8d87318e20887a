package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;

/**
 * WAV, FLAC and .npy through a real HDFS (MiniDFSCluster from the shaded hadoop-client-minicluster,
 * one NameNode and one DataNode, started once for the class in about 9 s) and, by the same code,
 * through {@code file://}. The HDFS block size is 64 KiB so that files span several blocks and
 * range reads cross block boundaries.
 */
class HdfsIoTest {

    private static java.nio.file.Path base;
    private static MiniDFSCluster cluster;
    private static Configuration conf;

    @BeforeAll
    static void startCluster() throws IOException {
        base = Files.createTempDirectory("hdfs-io-test");
        conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
        conf.set("hadoop.tmp.dir", base.resolve("tmp").toString());
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 4096);
        conf.setLong("dfs.blocksize", 64 * 1024);
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        // A bare path now means HDFS, as on a cluster whose default filesystem is HDFS.
        conf.set("fs.defaultFS", cluster.getURI().toString());
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.shutdown(true);
        }
        if (base != null) {
            try (Stream<java.nio.file.Path> files = Files.walk(base)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The same tests on HDFS (a bare path on the default filesystem) and on the local filesystem. */
    static Stream<Arguments> roots() {
        return Stream.of(Arguments.of("hdfs", new Path("/io-test")),
                Arguments.of("file", new Path(base.resolve("local").toUri())));
    }

    private static double[] signal(int frames, int channels) {
        double[] x = new double[frames * channels];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.9 * Math.sin(0.001 * i * (1 + i % channels));
        }
        return x;
    }

    @Test
    void theClusterIsARealHdfs() throws IOException {
        FileSystem fs = new Path("/").getFileSystem(conf);
        assertEquals("hdfs", fs.getUri().getScheme());
        assertEquals("org.apache.hadoop.hdfs.DistributedFileSystem", fs.getClass().getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void wavWrittenInPiecesReadsBackWholeAndByRanges(String scheme, Path root) throws IOException {
        int channels = 2;
        int frames = 50_000; // 200 KB of PCM16: four HDFS blocks
        double[] x = signal(frames, channels);
        for (WavFormat format : new WavFormat[] {WavFormat.PCM_16, WavFormat.PCM_24, WavFormat.FLOAT_32}) {
            Path path = new Path(root, "track-" + format + ".wav");
            try (WavWriter w = Wav.writer(conf, path, channels, 44100, format, frames)) {
                for (int f = 0; f < frames; f += 7_777) {
                    int n = Math.min(7_777, frames - f);
                    w.append(x, f * channels, n);
                }
            }
            WavHeader h = Wav.readInfo(conf, path);
            assertEquals(format, h.format());
            assertEquals(frames, h.frames());
            assertEquals(h.dataOffset() + h.dataBytes(), path.getFileSystem(conf).getFileStatus(path).getLen());
            double[] whole = Wav.read(conf, path, 0, frames);
            for (int i = 0; i < x.length; i++) {
                assertEquals(WavRoundTripTest.expected(format, x[i]), whole[i], 0.0);
            }
            try (WavReader r = Wav.open(conf, path)) {
                long[][] ranges = {{0, 1}, {16_383, 16_385}, {10_000, 45_000}, {49_999, 50_000}, {frames, frames}};
                for (long[] range : ranges) {
                    assertArrayEquals(Arrays.copyOfRange(whole, (int) range[0] * channels, (int) range[1] * channels),
                            r.read(range[0], range[1]), scheme + " " + format + " " + Arrays.toString(range));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void flacAndWavOfTheSameAudioReadTheSameThroughAudio(String scheme, Path root) throws IOException {
        int channels = 2;
        int frames = 60_000; // about 170 KB of FLAC: several HDFS blocks
        double[] x = FlacRoundTripTest.signal(frames, channels, 5);
        for (WavFormat format : new WavFormat[] {WavFormat.PCM_16, WavFormat.PCM_24}) {
            double[][] decoded = new double[2][];
            AudioInfo[] infos = new AudioInfo[2];
            int k = 0;
            for (String ext : new String[] {"wav", "flac"}) {
                Path path = new Path(root, "same-" + format + "." + ext);
                try (AudioWriter w = Audio.writer(conf, path, channels, 44100, format, frames)) {
                    for (int f = 0; f < frames; f += 7_777) {
                        w.append(x, f * channels, Math.min(7_777, frames - f));
                    }
                }
                infos[k] = Audio.readInfo(conf, path);
                decoded[k] = Audio.read(conf, path, 0, frames);
                try (AudioReader r = Audio.open(conf, path)) {
                    for (long[] range : new long[][] {{0, 1}, {16_383, 16_385}, {40_000, 55_000}, {59_999, frames}}) {
                        assertArrayEquals(Arrays.copyOfRange(decoded[k], (int) range[0] * channels,
                                (int) range[1] * channels), r.read(range[0], range[1]), scheme + " " + ext);
                    }
                }
                k++;
            }
            assertEquals(AudioContainer.WAV, infos[0].container());
            assertEquals(AudioContainer.FLAC, infos[1].container());
            assertEquals(infos[0], new AudioInfo(AudioContainer.WAV, infos[1].format(), infos[1].bitsPerSample(),
                    infos[1].channels(), infos[1].sampleRate(), infos[1].frames()));
            assertArrayEquals(decoded[0], decoded[1], scheme + " " + format);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void anIncompleteFlacIsReportedAtCloseAndLeavesNoReadableFile(String scheme, Path root) throws IOException {
        Path path = new Path(root, "cut.flac");
        AudioWriter w = Audio.writer(conf, path, 1, 8000, WavFormat.PCM_16, 1000);
        w.append(new double[500], 0, 500);
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains("500 frames were written but 1000 were declared"), e.getMessage());
        BadInputException bad = assertThrows(BadInputException.class, () -> Audio.readInfo(conf, path));
        assertEquals(path.toString(), bad.file());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void npyWrittenAndReadThroughTheFileSystemIncludingRowRanges(String scheme, Path root) throws IOException {
        int[] shape = {300, 257, 2};
        double[] re = signal(300 * 257 * 2, 1);
        double[] c = new double[2 * re.length];
        for (int i = 0; i < re.length; i++) {
            c[2 * i] = re[i];
            c[2 * i + 1] = -re[i];
        }
        Path realPath = new Path(root, "v.npy");
        Path complexPath = new Path(root, "x.npy");
        FileSystem fs = realPath.getFileSystem(conf);
        try (OutputStream out = fs.create(realPath, true)) {
            Npy.write(out, new RealTensor(shape, re), Npy.DType.FLOAT64);
        }
        try (OutputStream out = fs.create(complexPath, true)) {
            Npy.write(out, new ComplexTensor(shape, c), Npy.DType.COMPLEX64);
        }
        try (RandomAccessInput in = HadoopFiles.open(conf, realPath)) {
            assertArrayEquals(re, Npy.read(in).data());
            Npy.Header h = Npy.readHeader(in);
            assertArrayEquals(Arrays.copyOfRange(re, 100 * 514, 200 * 514), Npy.readRows(in, h, 100, 200));
        }
        try (RandomAccessInput in = HadoopFiles.open(conf, complexPath)) {
            Npy.Header h = Npy.readHeader(in);
            double[] rows = Npy.readRows(in, h, 299, 300);
            for (int i = 0; i < rows.length; i++) {
                assertEquals((float) c[2 * 299 * 514 + i], rows[i], 0.0);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void anIncompleteWavIsReportedAtCloseAndRefusedWhenRead(String scheme, Path root) throws IOException {
        Path path = new Path(root, "cut.wav");
        WavWriter w = Wav.writer(conf, path, 1, 8000, WavFormat.PCM_16, 1000);
        w.append(new double[500], 0, 500);
        IOException e = assertThrows(IOException.class, w::close);
        assertTrue(e.getMessage().contains("500 frames were written but the header declares 1000"), e.getMessage());
        BadInputException bad = assertThrows(BadInputException.class, () -> Wav.readInfo(conf, path));
        assertEquals(path.toString(), bad.file());
        assertTrue(bad.problem().startsWith("truncated: the data chunk declares 2000 bytes (1000 frames)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void missingFilesAndDirectoriesAreRefusedByName(String scheme, Path root) throws IOException {
        Path missing = new Path(root, "missing.wav");
        BadInputException e = assertThrows(BadInputException.class, () -> Wav.readInfo(conf, missing));
        assertEquals(missing.toString(), e.file());
        assertEquals("no such file", e.problem());
        Path dir = new Path(root, "a-dir.npy");
        dir.getFileSystem(conf).mkdirs(dir);
        BadInputException d = assertThrows(BadInputException.class, () -> HadoopFiles.open(conf, dir));
        assertEquals("is a directory, not a file", d.problem());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roots")
    void outputLeaseIsExclusiveAndAStaleOneIsTakenOver(String scheme, Path root) throws Exception {
        Path out = new Path(root, "leased");
        OutputLease.Timing fast = OutputLeaseTest.FAST;
        try (OutputLease first = OutputLease.acquire(conf, out, "first", fast)) {
            assertThrows(OutputLease.HeldException.class, () -> OutputLease.acquire(conf, out, "second", fast));
            Thread.sleep(2 * fast.staleAfter().toMillis());
            first.checkHeld(); // the heartbeat rewrote the file through this filesystem
        }
        FileSystem fs = out.getFileSystem(conf);
        assertTrue(!fs.exists(new Path(out, OutputLease.NAME)), "released");
        long old = System.currentTimeMillis() - 60_000;
        try (OutputStream o = fs.create(new Path(out, OutputLease.NAME), true)) {
            o.write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(
                    new OutputLease.Holder("gone", "another-host", 1, "u", "old", old, old)));
        }
        try (OutputLease taker = OutputLease.acquire(conf, out, "taker", fast)) {
            taker.checkHeld();
            assertEquals(1, fs.listStatus(out).length, "only the lease itself in the folder");
        }
    }
}
