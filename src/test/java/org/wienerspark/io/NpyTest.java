package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;

/**
 * Npy against files written by numpy (src/test/resources/npy/make_npy.py): element with C-order
 * flat index i is 0.5 i - 3 (real) or (i, -i/4) (complex), whatever the file's order and
 * endianness.
 */
class NpyTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    private static double[] expectedReal(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5 * i - 3;
        }
        return v;
    }

    private static double[] expectedComplex(int n) {
        double[] v = new double[2 * n];
        for (int i = 0; i < n; i++) {
            v[2 * i] = i;
            v[2 * i + 1] = -i / 4.0;
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "f8_c.npy, FLOAT64, false, LITTLE_ENDIAN, 1, 4x3x2",
        "f8_fortran.npy, FLOAT64, true, LITTLE_ENDIAN, 1, 4x3x2",
        "f8_big_endian.npy, FLOAT64, false, BIG_ENDIAN, 1, 4x3x2",
        "f4_c.npy, FLOAT32, false, LITTLE_ENDIAN, 1, 5x2",
        "f4_big_endian_fortran.npy, FLOAT32, true, BIG_ENDIAN, 1, 5x2",
        "f8_v2.npy, FLOAT64, false, LITTLE_ENDIAN, 2, 6x2",
        "f8_empty.npy, FLOAT64, false, LITTLE_ENDIAN, 1, 0x3",
        "c8_c.npy, COMPLEX64, false, LITTLE_ENDIAN, 1, 3x2x2",
        "c8_fortran.npy, COMPLEX64, true, LITTLE_ENDIAN, 1, 3x2x2",
        "c16_big_endian_fortran.npy, COMPLEX128, true, BIG_ENDIAN, 1, 3x4",
        "c16_v3.npy, COMPLEX128, false, LITTLE_ENDIAN, 3, 2x3",
    })
    void readsNumpyFilesInCOrderWhateverTheirLayout(String file, Npy.DType dtype, boolean fortran, String order,
                                                    int major, String shape) throws Exception {
        Npy.Array a = Npy.read(resource(file));
        Npy.Header h = a.header();
        int[] dims = Arrays.stream(shape.split("x")).mapToInt(Integer::parseInt).toArray();
        assertArrayEquals(dims, a.shape());
        assertEquals(dtype, h.dtype());
        assertEquals(fortran, h.fortranOrder());
        assertEquals(order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, h.order());
        assertEquals(major, h.major());
        int n = Arrays.stream(dims).reduce(1, (x, y) -> x * y);
        if (dtype.isComplex()) {
            assertArrayEquals(expectedComplex(n), a.data(), 0.0);
            assertEquals(new ComplexTensor(dims, expectedComplex(n)), a.asComplex());
        } else {
            assertArrayEquals(expectedReal(n), a.data(), 0.0);
            assertEquals(new RealTensor(dims, expectedReal(n)), a.asReal());
        }
    }

    @Test
    void aScalarFileHasAnEmptyShapeAndOneValue() throws Exception {
        Npy.Array a = Npy.read(resource("f8_scalar.npy"));
        assertEquals(0, a.shape().length);
        assertArrayEquals(new double[] {-3}, a.data());
    }

    @Test
    void aRealFilePromotesToComplexButAComplexFileIsNotReal() throws Exception {
        assertArrayEquals(new double[] {-3, 0, -2.5, 0}, Arrays.copyOf(
                Npy.read(resource("f8_c.npy")).asComplex().data(), 4));
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(resource("c8_c.npy")).asReal());
        assertTrue(e.getMessage().endsWith("c8_c.npy: expected a real array, found dtype c8"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"f8_c.npy", "f8_fortran.npy", "f8_big_endian.npy", "f4_big_endian_fortran.npy",
        "c8_c.npy", "c8_fortran.npy", "c16_big_endian_fortran.npy", "f8_v2.npy", "c16_v3.npy", "f8_empty.npy"})
    void readRowsEqualSlicesOfTheWholeArray(String file) throws Exception {
        Npy.Array whole = Npy.read(resource(file));
        int rows = whole.shape()[0];
        int perRow = rows == 0 ? 0 : whole.data().length / rows;
        try (RandomAccessInput in = RandomAccessInput.of(resource(file))) {
            Npy.Header h = Npy.readHeader(in);
            for (int s = 0; s <= rows; s++) {
                for (int e = s; e <= rows; e++) {
                    assertArrayEquals(Arrays.copyOfRange(whole.data(), s * perRow, e * perRow),
                            Npy.readRows(in, h, s, e), file + " rows [" + s + ", " + e + ")");
                }
            }
            assertThrows(IllegalArgumentException.class, () -> Npy.readRows(in, h, 0, rows + 1));
            assertThrows(IllegalArgumentException.class, () -> Npy.readRows(in, h, -1, 0));
        }
    }

    @Test
    void writtenFilesReadBackAndMatchNumpysBytes() throws Exception {
        int[] shape = {4, 3, 2};
        RealTensor t = new RealTensor(shape, expectedReal(24));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, t, Npy.DType.FLOAT64);
        assertArrayEquals(Files.readAllBytes(resource("f8_c.npy")), out.toByteArray());

        ComplexTensor c = new ComplexTensor(new int[] {3, 2, 2}, expectedComplex(12));
        out.reset();
        Npy.write(out, c, Npy.DType.COMPLEX64);
        assertArrayEquals(Files.readAllBytes(resource("c8_c.npy")), out.toByteArray());

        out.reset();
        Npy.write(out, new RealTensor(new int[] {5, 2}, expectedReal(10)), Npy.DType.FLOAT32);
        assertArrayEquals(Files.readAllBytes(resource("f4_c.npy")), out.toByteArray());
        assertThrows(IllegalArgumentException.class, () -> Npy.write(out, t, Npy.DType.COMPLEX128));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(out, c, Npy.DType.FLOAT64));
    }

    @Test
    void scalarAndOneAxisShapesAreWrittenAsPythonTuples() throws IOException {
        for (int[] shape : new int[][] {{}, {3}, {2, 0}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RealTensor t = new RealTensor(shape, expectedReal((int) org.wienerspark.core.Tensors.size(shape)));
            Npy.write(out, t, Npy.DType.FLOAT64);
            byte[] b = out.toByteArray();
            assertEquals(0, (LittleEndian.u16(b, 8) + 10) % 64, "data aligned to 64 bytes");
            Npy.Array a = Npy.read(RandomAccessInput.of("t.npy", b));
            assertEquals(t, a.asReal());
        }
    }

    // ---- hostile and broken files ----

    /** A version 1.0 file with the given header dictionary and data bytes. */
    static byte[] npy(String dict, int dataBytes) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[10 + text.length + dataBytes];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, b, 0, 8);
        LittleEndian.putU16(b, 8, text.length);
        System.arraycopy(text, 0, b, 10, text.length);
        return b;
    }

    private static String problem(byte[] file) {
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(RandomAccessInput.of("x.npy", file)));
        assertEquals("x.npy", e.file());
        assertEquals("x.npy: " + e.problem(), e.getMessage());
        return e.problem();
    }

    @Test
    void objectArraysArePickledAndRefused() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(resource("object.npy")));
        assertTrue(e.file().endsWith("object.npy"));
        assertEquals("unsupported dtype '|O' (object arrays and pickles are refused); expected float32, float64,"
                + " complex64 or complex128", e.problem());
    }

    @Test
    void integerArraysAreRefused() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(resource("int32.npy")));
        assertEquals("unsupported dtype '<i4'; expected float32, float64, complex64 or complex128", e.problem());
    }

    @Test
    void aShapeLargerThanTheFileIsRefused() {
        assertEquals("shape [1000000, 1000000] of f8 needs 8000000000000 data bytes but the file holds 16",
                problem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }", 16)));
        assertEquals("shape [3] of c16 needs 48 data bytes but the file holds 47",
                problem(npy("{'descr': '<c16', 'fortran_order': False, 'shape': (3,), }", 47)));
    }

    @Test
    void aShapeWhoseElementCountOverflowsIsRefused() {
        // 65536^4 = 2^64 wraps to 0 in a long; with no data bytes it must not pass as an empty array.
        assertEquals("shape [65536, 65536, 65536, 65536] overflows",
                problem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 65536, 65536, 65536), }",
                        0)));
        assertEquals("shape [2147483647, 2147483647, 2147483647] overflows",
                problem(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647,"
                        + " 2147483647), }", 0)));
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefused() {
        byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 8);
        LittleEndian.putU16(b, 8, 60000);
        assertEquals("header declares 60000 bytes but the file has only " + b.length, problem(b));
        byte[] v2 = Arrays.copyOf(b, b.length + 2);
        v2[6] = 2;
        LittleEndian.putU32(v2, 8, 0xFFFFFFF0L);
        assertEquals("header declares 4294967280 bytes but the file has only " + v2.length, problem(v2));
    }

    @Test
    void garbageIsRefused() {
        assertEquals("not a .npy file: 3 bytes, shorter than any header", problem(new byte[] {1, 2, 3}));
        assertEquals("not a .npy file: missing the \\x93NUMPY magic string",
                problem("RIFF....WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] v9 = npy("{}", 0);
        v9[6] = 9;
        assertEquals("unsupported .npy format version 9.0", problem(v9));
        assertTrue(problem(npy("not a dict at all", 0)).startsWith("malformed .npy header (expected '{' at"));
        assertTrue(problem(npy("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }", 8))
                .startsWith("malformed .npy header (expected True or False"));
        assertTrue(problem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", 8))
                .startsWith("malformed .npy header (expected a nonnegative axis length"));
        assertTrue(problem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (9999999999,), }", 8))
                .startsWith("malformed .npy header (axis length 9999999999 is too large"));
        assertTrue(problem(npy("{'descr': '<f8, 'fortran_order': False", 8))
                .startsWith("malformed .npy header ("));
        assertTrue(problem(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", 8))
                .startsWith("unexpected header key 'x'"));
        assertTrue(problem(npy("{'descr': '<f8', 'shape': (1,), }", 8))
                .startsWith("header lacks one of 'descr', 'fortran_order', 'shape'"));
        assertEquals("structured dtypes are not supported",
                problem(npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", 8)));
    }

    @Test
    void aHeaderCutShortIsRefused() throws Exception {
        byte[] whole = Files.readAllBytes(resource("f8_c.npy"));
        assertTrue(problem(Arrays.copyOf(whole, 40)).startsWith("header declares 118 bytes but the file has only 40"));
        assertEquals("shape [4, 3, 2] of f8 needs 192 data bytes but the file holds 191",
                problem(Arrays.copyOf(whole, whole.length - 1)));
    }
}
