"""Writes the reference WAV files of WavReaderTest with writers other than ours (run from this
folder; scipy 1.17.1 and Python's wave module made them). Each NAME.wav has NAME.expected.npy:
the decoded samples, shape (frames, channels), float64, scaled as int / 2^(bits-1) (8-bit:
(int - 128) / 128) and computed here, independently of the Java reader."""
import wave

import numpy as np
from scipy.io import wavfile

FRAMES = 7


def ints(bits, channels, unsigned=False):
    """Extremes, zero and a ramp, deterministic."""
    lo, hi = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    v = np.linspace(lo, hi, FRAMES * channels).round().astype(np.int64)
    v[0], v[1], v[2] = lo, hi, 0
    v = v.reshape(FRAMES, channels)
    return v


def expected(name, v, bits):
    np.save(name + ".expected.npy", v.astype(np.float64) / 2.0 ** (bits - 1))


v = ints(8, 2)
wavfile.write("scipy_u8_2ch.wav", 8000, (v + 128).astype(np.uint8))
expected("scipy_u8_2ch", v, 8)

v = ints(16, 3)
wavfile.write("scipy_i16_3ch.wav", 44100, v.astype("<i2"))
expected("scipy_i16_3ch", v, 16)

v = ints(32, 1)
wavfile.write("scipy_i32_1ch.wav", 48000, v.astype("<i4"))
expected("scipy_i32_1ch", v, 32)

f = np.array([[0.0, -1.0], [1.0, 0.5], [-0.25, 1.5], [1e-8, -2.0]])
wavfile.write("scipy_f32_2ch.wav", 22050, f.astype("<f4"))
np.save("scipy_f32_2ch.expected.npy", f.astype("<f4").astype(np.float64))

wavfile.write("scipy_f64_1ch.wav", 96000, f.reshape(-1, 1))
np.save("scipy_f64_1ch.expected.npy", f.reshape(-1, 1))

v = ints(24, 2)
with wave.open("pywave_i24_2ch.wav", "wb") as w:
    w.setnchannels(2)
    w.setsampwidth(3)
    w.setframerate(11025)
    raw = v.astype("<i4").view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    w.writeframes(raw)
expected("pywave_i24_2ch", v, 24)
