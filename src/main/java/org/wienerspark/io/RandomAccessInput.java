package org.wienerspark.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file read by absolute position, so that a reader can check a header against the file length
 * and then read only the range a task needs. Implementations exist for local files, in-memory
 * bytes (tests, fuzzing) and Hadoop's FileSystem ({@link HadoopFiles}).
 */
public interface RandomAccessInput extends Closeable {

    /** The name used in error messages: a path or URI. */
    String name();

    /** The file length in bytes. */
    long length() throws IOException;

    /**
     * Reads exactly {@code len} bytes at {@code position}; an {@link EOFException} when the file
     * ends first.
     */
    void readFully(long position, byte[] buffer, int offset, int len) throws IOException;

    /** A local file, through a {@link FileChannel}. */
    static RandomAccessInput of(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        String name = path.toString();
        return new RandomAccessInput() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long length() throws IOException {
                return ch.size();
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(buffer, offset, len);
                long p = position;
                while (bb.hasRemaining()) {
                    int n = ch.read(bb, p);
                    if (n < 0) {
                        throw new EOFException(name + ": end of file at byte " + p);
                    }
                    p += n;
                }
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    /** Bytes in memory (tests, fuzzing). */
    static RandomAccessInput of(String name, byte[] bytes) {
        return new RandomAccessInput() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
                if (position < 0 || position + len > bytes.length) {
                    throw new EOFException(name + ": end of file at byte " + bytes.length);
                }
                System.arraycopy(bytes, (int) position, buffer, offset, len);
            }

            @Override
            public void close() {
            }
        };
    }
}
