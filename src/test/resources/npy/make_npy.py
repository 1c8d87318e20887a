"""Writes the small .npy files of NpyTest with numpy (run from this folder; numpy 2.4.6 made them).

Values follow one rule so the test can recompute them: element with C-order flat index i is
0.5 * i - 3 (real) or (i, -i / 4) (complex)."""
import numpy as np
from numpy.lib import format as npf


def real(shape, dtype):
    return (0.5 * np.arange(int(np.prod(shape))) - 3).reshape(shape).astype(dtype)


def cplx(shape, dtype):
    i = np.arange(int(np.prod(shape)), dtype=np.float64)
    return (i - 1j * i / 4).reshape(shape).astype(dtype)


def save(name, arr, version=None, fortran=False):
    if fortran:
        arr = np.asfortranarray(arr)
        assert arr.flags.f_contiguous and not arr.flags.c_contiguous
    with open(name, "wb") as f:
        npf.write_array(f, arr, version=version)


save("f8_c.npy", real((4, 3, 2), "<f8"))
save("f8_fortran.npy", real((4, 3, 2), "<f8"), fortran=True)
save("f8_big_endian.npy", real((4, 3, 2), ">f8"))
save("f4_c.npy", real((5, 2), "<f4"))
save("f4_big_endian_fortran.npy", real((5, 2), ">f4"), fortran=True)
save("c8_c.npy", cplx((3, 2, 2), "<c8"))
save("c8_fortran.npy", cplx((3, 2, 2), "<c8"), fortran=True)
save("c16_big_endian_fortran.npy", cplx((3, 4), ">c16"), fortran=True)
save("f8_v2.npy", real((6, 2), "<f8"), version=(2, 0))
save("c16_v3.npy", cplx((2, 3), "<c16"), version=(3, 0))
save("f8_scalar.npy", real((), "<f8"))
save("f8_empty.npy", real((0, 3), "<f8"))
np.save("object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)
save("int32.npy", np.arange(6, dtype="<i4").reshape(2, 3))
