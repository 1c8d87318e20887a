package org.wienerspark.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;

/**
 * NumPy {@code .npy} files (format 1.0, 2.0 and 3.0): float32, float64, complex64 and complex128,
 * little- or big-endian, C or Fortran order. Values are returned as doubles in the project's
 * layout (row-major, complex interleaved re/im), whatever the file's order.
 *
 * <p>Hostile files are refused before anything is allocated from what they declare: the header
 * length and the data size implied by {@code shape} and {@code descr} must match the file length
 * exactly. Object arrays (pickles), structured and other dtypes are refused.
 */
public final class Npy {

    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK_BYTES = 1 << 20;

    private Npy() {
    }

    /** The element types supported, with their numpy type codes. */
    public enum DType {
        FLOAT32("f4", 4, false), FLOAT64("f8", 8, false), COMPLEX64("c8", 8, true), COMPLEX128("c16", 16, true);

        final String code;
        final int itemBytes;
        final boolean complex;

        DType(String code, int itemBytes, boolean complex) {
            this.code = code;
            this.itemBytes = itemBytes;
            this.complex = complex;
        }

        public boolean isComplex() {
            return complex;
        }

        public int itemBytes() {
            return itemBytes;
        }
    }

    /**
     * A parsed and checked header.
     *
     * @param dataOffset byte offset of the first element
     */
    public record Header(int major, int minor, DType dtype, ByteOrder order, boolean fortranOrder, int[] shape,
                         long dataOffset) {

        /**
         * Number of elements.
         *
         * @throws ArithmeticException when it overflows a long (only for headers not yet checked)
         */
        public long elements() {
            long n = 1;
            for (int d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** A whole array read from a file. */
    public record Array(String name, Header header, double[] data) {

        public int[] shape() {
            return header.shape().clone();
        }

        /** The array as a real tensor; a complex file is refused. */
        public RealTensor asReal() throws BadInputException {
            if (header.dtype().complex) {
                throw new BadInputException(name, "expected a real array, found dtype " + header.dtype().code);
            }
            return new RealTensor(shape(), data);
        }

        /** The array as a complex tensor; a real file is promoted (zero imaginary parts). */
        public ComplexTensor asComplex() {
            if (header.dtype().complex) {
                return new ComplexTensor(shape(), data);
            }
            double[] c = new double[2 * data.length];
            for (int i = 0; i < data.length; i++) {
                c[2 * i] = data[i];
            }
            return new ComplexTensor(shape(), c);
        }
    }

    /** Reads and checks the header of a {@code .npy} file. */
    public static Header readHeader(RandomAccessInput in) throws IOException {
        return NpyHeaderReader.read(in);
    }

    /** Reads a whole file. */
    public static Array read(RandomAccessInput in) throws IOException {
        Header h = readHeader(in);
        double[] fileOrder = readValues(in, h, h.dataOffset(), h.elements());
        double[] data = h.fortranOrder() ? fortranToC(fileOrder, h.shape(), h.dtype().complex) : fileOrder;
        return new Array(in.name(), h, data);
    }

    /** Reads a whole local file. */
    public static Array read(java.nio.file.Path path) throws IOException {
        try (RandomAccessInput in = RandomAccessInput.of(path)) {
            return read(in);
        }
    }

    /**
     * Reads rows {@code [start, end)} of the first axis (e.g. a range of frames), in C order,
     * reading only the bytes of those rows.
     *
     * @return the values of shape {@code (end - start, shape[1], ...)}, project layout
     */
    public static double[] readRows(RandomAccessInput in, Header h, int start, int end) throws IOException {
        int[] shape = h.shape();
        if (shape.length == 0 || start < 0 || end > shape[0] || start > end) {
            throw new IllegalArgumentException(in.name() + ": rows [" + start + ", " + end + ") outside shape "
                    + Arrays.toString(shape));
        }
        long rowElements = shape[0] == 0 ? 0 : h.elements() / shape[0];
        int per = h.dtype().complex ? 2 : 1;
        if (!h.fortranOrder() || shape.length == 1) {
            return readValues(in, h, h.dataOffset() + start * rowElements * h.dtype().itemBytes,
                    (end - start) * rowElements);
        }
        // Fortran order: the rows of one trailing index are a contiguous run of (end - start)
        // elements; gather the runs, then reorder to C order.
        int rows = end - start;
        int[] sub = shape.clone();
        sub[0] = rows;
        double[] fileOrder = new double[Math.toIntExact(rows * rowElements * per)];
        ByteBuffer chunk = chunkFor(h, (long) rows * per);
        for (long r = 0; r < rowElements; r++) {
            readValues(in, h, h.dataOffset() + (r * shape[0] + start) * h.dtype().itemBytes, fileOrder,
                    (int) (r * rows * per), rows * per, chunk);
        }
        return fortranToC(fileOrder, sub, h.dtype().complex);
    }

    /** Writes a real tensor (format 1.0, little-endian, C order), float64 or float32. */
    public static void write(OutputStream out, RealTensor t, DType dtype) throws IOException {
        if (dtype.complex) {
            throw new IllegalArgumentException("a real tensor is written as float32 or float64, not " + dtype);
        }
        write(out, t.shape(), t.data(), dtype);
    }

    /** Writes a complex tensor (format 1.0, little-endian, C order), complex128 or complex64. */
    public static void write(OutputStream out, ComplexTensor t, DType dtype) throws IOException {
        if (!dtype.complex) {
            throw new IllegalArgumentException("a complex tensor is written as complex64 or complex128, not " + dtype);
        }
        write(out, t.shape(), t.data(), dtype);
    }

    private static void write(OutputStream out, int[] shape, double[] data, DType dtype) throws IOException {
        StringBuilder dict = new StringBuilder("{'descr': '<").append(dtype.code)
                .append("', 'fortran_order': False, 'shape': (");
        for (int d : shape) {
            dict.append(d).append(", ");
        }
        if (shape.length > 0) {
            dict.setLength(dict.length() - (shape.length == 1 ? 1 : 2));
        }
        dict.append("), }");
        // Pad with spaces so that the data starts on a 64-byte boundary, newline last.
        int unpadded = 10 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        boolean v2 = total - 10 > 0xffff;
        if (v2) {
            total = (12 + dict.length() + 1 + 63) / 64 * 64;
        }
        int headerLength = total - (v2 ? 12 : 10);
        while (dict.length() < headerLength - 1) {
            dict.append(' ');
        }
        dict.append('\n');
        ByteBuffer pre = ByteBuffer.allocate(v2 ? 12 : 10).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            pre.putInt(headerLength);
        } else {
            pre.putShort((short) headerLength);
        }
        out.write(pre.array());
        out.write(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        int valueBytes = dtype.complex ? dtype.itemBytes / 2 : dtype.itemBytes;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : data) {
            if (buf.remaining() < valueBytes) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (valueBytes == 8) {
                buf.putDouble(d);
            } else {
                buf.putFloat((float) d);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    private static double[] readValues(RandomAccessInput in, Header h, long offset, long elements) throws IOException {
        double[] out = new double[Math.toIntExact(elements * (h.dtype().complex ? 2 : 1))];
        readValues(in, h, offset, out, 0, out.length, chunkFor(h, out.length));
        return out;
    }

    /** A read buffer for up to {@code values} values, at most {@link #CHUNK_BYTES}. */
    private static ByteBuffer chunkFor(Header h, long values) {
        int valueBytes = h.dtype() == DType.FLOAT64 || h.dtype() == DType.COMPLEX128 ? 8 : 4;
        return ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, values * valueBytes)).order(h.order());
    }

    /**
     * Reads {@code count} values (a complex element is two) from byte {@code offset} into
     * {@code out[o...]} through {@code chunk}, a reused buffer.
     */
    private static void readValues(RandomAccessInput in, Header h, long offset, double[] out, int o, int count,
                                   ByteBuffer chunk) throws IOException {
        boolean wide = h.dtype() == DType.FLOAT64 || h.dtype() == DType.COMPLEX128;
        int valueBytes = wide ? 8 : 4;
        int done = 0;
        long pos = offset;
        while (done < count) {
            int n = Math.min(chunk.capacity() / valueBytes, count - done);
            try {
                in.readFully(pos, chunk.array(), 0, n * valueBytes);
            } catch (EOFException e) {
                throw new BadInputException(in.name(), "truncated data at byte " + pos, e);
            }
            chunk.clear();
            for (int i = 0; i < n; i++) {
                out[o + done + i] = wide ? chunk.getDouble() : chunk.getFloat();
            }
            done += n;
            pos += (long) n * valueBytes;
        }
    }

    /** Reorders values stored in Fortran (column-major) order to C (row-major) order. */
    private static double[] fortranToC(double[] f, int[] shape, boolean complex) {
        int per = complex ? 2 : 1;
        double[] c = new double[f.length];
        int rank = shape.length;
        int[] idx = new int[rank];
        long[] cStride = new long[rank];
        long s = 1;
        for (int k = rank - 1; k >= 0; k--) {
            cStride[k] = s;
            s *= shape[k];
        }
        int n = f.length / per;
        long cIndex = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(f, i * per, c, (int) (cIndex * per), per);
            // Advance the Fortran-order odometer: the first axis varies fastest.
            for (int k = 0; k < rank; k++) {
                if (++idx[k] < shape[k]) {
                    cIndex += cStride[k];
                    break;
                }
                cIndex -= (long) (idx[k] - 1) * cStride[k];
                idx[k] = 0;
            }
        }
        return c;
    }
}
