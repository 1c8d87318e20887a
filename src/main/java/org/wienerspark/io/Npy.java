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

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Headers are short dictionaries; numpy itself refuses more than 10000 bytes by default. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
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
        String name = in.name();
        long fileLength = in.length();
        if (fileLength < 10) {
            throw new BadInputException(name, "not a .npy file: " + fileLength + " bytes, shorter than any header");
        }
        byte[] prefix = new byte[12];
        in.readFully(0, prefix, 0, (int) Math.min(12, fileLength));
        if (!Arrays.equals(Arrays.copyOf(prefix, 6), MAGIC)) {
            throw new BadInputException(name, "not a .npy file: missing the \\x93NUMPY magic string");
        }
        int major = prefix[6] & 0xff;
        int minor = prefix[7] & 0xff;
        long headerLength;
        int lengthBytes;
        if (major == 1) {
            lengthBytes = 2;
            headerLength = (prefix[8] & 0xff) | (prefix[9] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            lengthBytes = 4;
            if (fileLength < 12) {
                throw new BadInputException(name, "truncated .npy header (" + fileLength + " bytes)");
            }
            headerLength = ByteBuffer.wrap(prefix, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        } else {
            throw new BadInputException(name, "unsupported .npy format version " + major + "." + minor);
        }
        long dataOffset = 8 + lengthBytes + headerLength;
        if (dataOffset > fileLength) {
            throw new BadInputException(name, "header declares " + headerLength + " bytes but the file has only "
                    + fileLength);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new BadInputException(name, "header of " + headerLength + " bytes is implausibly large");
        }
        byte[] text = new byte[(int) headerLength];
        in.readFully(8 + lengthBytes, text, 0, text.length);
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseDict(name, dict, major, minor, dataOffset);
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(h.elements(), h.dtype().itemBytes);
        } catch (ArithmeticException e) {
            throw new BadInputException(name, "shape " + Arrays.toString(h.shape()) + " overflows");
        }
        if (dataBytes != fileLength - dataOffset) {
            throw new BadInputException(name, "shape " + Arrays.toString(h.shape()) + " of " + h.dtype().code
                    + " needs " + dataBytes + " data bytes but the file holds " + (fileLength - dataOffset));
        }
        long doubles = h.elements() * (h.dtype().complex ? 2 : 1);
        if (doubles > Integer.MAX_VALUE - 8) {
            throw new BadInputException(name, "array of " + h.elements() + " elements is too large for one Java array");
        }
        return h;
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

    private static Header parseDict(String name, String dict, int major, int minor, long dataOffset)
            throws BadInputException {
        String descr = null;
        Boolean fortran = null;
        int[] shape = null;
        HeaderLexer lx = new HeaderLexer(name, dict);
        lx.expect('{');
        while (!lx.peekIs('}')) {
            String key = lx.string();
            lx.expect(':');
            switch (key) {
                case "descr" -> {
                    if (lx.peekIs('[')) {
                        throw new BadInputException(name, "structured dtypes are not supported");
                    }
                    descr = lx.string();
                }
                case "fortran_order" -> fortran = lx.bool();
                case "shape" -> shape = lx.tuple();
                default -> throw new BadInputException(name, "unexpected header key '" + key + "'");
            }
            if (!lx.peekIs('}')) {
                lx.expect(',');
            }
        }
        lx.expect('}');
        if (descr == null || fortran == null || shape == null) {
            throw new BadInputException(name, "header lacks one of 'descr', 'fortran_order', 'shape': " + dict.strip());
        }
        ByteOrder order;
        String code;
        char first = descr.isEmpty() ? ' ' : descr.charAt(0);
        if (first == '<' || first == '=' || first == '|') {
            order = ByteOrder.LITTLE_ENDIAN;
            code = descr.substring(1);
        } else if (first == '>') {
            order = ByteOrder.BIG_ENDIAN;
            code = descr.substring(1);
        } else {
            order = ByteOrder.LITTLE_ENDIAN;
            code = descr;
        }
        DType dtype = null;
        for (DType t : DType.values()) {
            if (t.code.equals(code)) {
                dtype = t;
            }
        }
        if (dtype == null) {
            String why = code.startsWith("O") ? " (object arrays and pickles are refused)" : "";
            throw new BadInputException(name, "unsupported dtype '" + descr + "'" + why
                    + "; expected float32, float64, complex64 or complex128");
        }
        return new Header(major, minor, dtype, order, fortran, shape, dataOffset);
    }

    /** A lexer for the Python dict literal of a header: strings, True/False, tuples of ints. */
    private static final class HeaderLexer {
        private final String name;
        private final String s;
        private int i;

        HeaderLexer(String name, String s) {
            this.name = name;
            this.s = s;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        boolean peekIs(char c) {
            skipSpace();
            return i < s.length() && s.charAt(i) == c;
        }

        void expect(char c) throws BadInputException {
            if (!peekIs(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        String string() throws BadInputException {
            skipSpace();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw error("expected a quoted string");
            }
            char q = s.charAt(i++);
            int end = s.indexOf(q, i);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(i, end);
            i = end + 1;
            return v;
        }

        boolean bool() throws BadInputException {
            skipSpace();
            if (s.startsWith("True", i)) {
                i += 4;
                return true;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return false;
            }
            throw error("expected True or False");
        }

        int[] tuple() throws BadInputException {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!peekIs(')')) {
                skipSpace();
                int startDigits = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == startDigits || i - startDigits > 10) {
                    throw error("expected a nonnegative axis length");
                }
                long d = Long.parseLong(s.substring(startDigits, i));
                if (d > Integer.MAX_VALUE) {
                    throw error("axis length " + d + " is too large");
                }
                dims.add((int) d);
                if (i < s.length() && s.charAt(i) == 'L') {
                    i++; // Python 2 long literal
                }
                if (!peekIs(')')) {
                    expect(',');
                }
            }
            expect(')');
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private BadInputException error(String what) {
            return new BadInputException(name, "malformed .npy header (" + what + " at character " + i + "): "
                    + (s.length() > 200 ? s.substring(0, 200) + "..." : s.strip()));
        }
    }
}
