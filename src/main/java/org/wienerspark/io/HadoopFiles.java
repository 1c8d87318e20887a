package org.wienerspark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens files through Hadoop's {@link FileSystem} API, so {@code file://}, {@code hdfs://} and
 * {@code s3a://} all work; a bare path means the configuration's default filesystem.
 */
public final class HadoopFiles {

    private HadoopFiles() {
    }

    /**
     * Opens a file for positioned reads; a missing file or a directory is a
     * {@link BadInputException}.
     */
    public static RandomAccessInput open(Configuration conf, Path path) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        String name = path.toString();
        long length;
        FSDataInputStream in;
        try {
            FileStatus status = fs.getFileStatus(path);
            if (status.isDirectory()) {
                throw new BadInputException(name, "is a directory, not a file");
            }
            length = status.getLen();
            in = fs.open(path);
        } catch (FileNotFoundException e) {
            throw new BadInputException(name, "no such file", e);
        }
        return new RandomAccessInput() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long length() {
                return length;
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
                in.readFully(position, buffer, offset, len);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
