package org.wienerspark.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wienerspark.io.Npy.DType;
import org.wienerspark.io.Npy.Header;

/**
 * Reads and checks the header of a {@code .npy} file for {@link Npy}: the magic string, the
 * format version (1.0, 2.0, 3.0), and the Python dict literal that declares {@code descr},
 * {@code fortran_order} and {@code shape}, parsed by a small lexer rather than evaluated. The
 * data size implied by shape and dtype must match the file length exactly, so nothing is
 * allocated from a hostile header.
 */
final class NpyHeaderReader {

    /** Headers are short dictionaries; numpy itself refuses more than 10000 bytes by default. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private NpyHeaderReader() {
    }

    /** The checked header of {@code in}. */
    static Header read(RandomAccessInput in) throws IOException {
        String name = in.name();
        long fileLength = in.length();
        if (fileLength < 10) {
            throw new BadInputException(name, "not a .npy file: " + fileLength + " bytes, shorter than any header");
        }
        byte[] prefix = new byte[12];
        in.readFully(0, prefix, 0, (int) Math.min(12, fileLength));
        if (!Arrays.equals(Arrays.copyOf(prefix, 6), Npy.MAGIC)) {
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
