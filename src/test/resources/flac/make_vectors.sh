#!/usr/bin/env bash
# Regenerates the FLAC test vectors with the reference encoder (Debian package `flac`).
# Each vector is a small signal (tones plus a little noise, so that LPC and stereo modes pay)
# written as raw PCM, then encoded with the options in its name. FlacReferenceVectorsTest checks
# our decode against the MD5 the reference encoder stored (that of its input, i.e. `flac -d`).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# raw NAME FRAMES CHANNELS BITS: little-endian signed PCM, deterministic
raw() {
  python3 - "$tmp/$1.raw" "$2" "$3" "$4" <<'PY'
import sys, numpy as np
path, n, ch, bits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(n * 31 + ch * 7 + bits)
t = np.arange(n)
amp = 2.0 ** (bits - 1) * 0.4
x = np.stack([amp * np.sin(2 * np.pi * t * (0.004 + 0.003 * c)) * (0.5 + 0.5 * np.cos(t / 700.0 + c))
              + rng.normal(0, 3 if bits > 8 else 1, n) for c in range(ch)], axis=1)
if ch >= 2:
    x[:, 1] = 0.8 * x[:, 0] + 0.2 * x[:, 1]   # correlated: left/side, mid/side pay
if bits == 24 and ch == 1:
    x = np.round(x / 256) * 256                 # low byte zero: wasted bits
x = np.clip(np.round(x), -2 ** (bits - 1), 2 ** (bits - 1) - 1).astype(np.int64)
b = bits // 8
u = (x.reshape(-1) & ((1 << bits) - 1)).astype(np.uint64)
out = np.zeros((u.size, b), dtype=np.uint8)
for k in range(b):
    out[:, k] = (u >> np.uint64(8 * k)) & np.uint64(0xff)
open(path, 'wb').write(out.tobytes())
PY
}
enc() { # enc OUT RAW CHANNELS BITS RATE FLAC-OPTIONS...
  local out=$1 r=$2 ch=$3 bits=$4 rate=$5; shift 5
  flac -s -f --force-raw-format --endian=little --sign=signed --channels="$ch" --bps="$bits" \
    --sample-rate="$rate" "$@" -o "$out" "$tmp/$r.raw"
}
raw s16st 4000 2 16
raw s24mono 3000 1 24
raw s16ch6 1500 6 16
raw s8st 3000 2 8
raw s16short 100 1 16
raw s32st 2000 2 32
enc s16_stereo_l0_b256.flac s16st 2 16 44100 -0 -b 256 --no-padding
enc s16_stereo_l5_b576.flac s16st 2 16 44100 -5 -b 576 -S 5x --no-padding
enc s16_stereo_l8_b1152_noseek.flac s16st 2 16 44100 -8 -b 1152 --no-seektable --no-padding
enc s24_mono_wasted_l8.flac s24mono 1 24 48000 -8 -b 1024 --no-padding
enc s16_6ch_l5.flac s16ch6 6 16 48000 -5 -b 192 --no-padding
enc s8_stereo_l3.flac s8st 2 8 8000 -3 -b 512 --no-padding
enc s16_short_l8.flac s16short 1 16 22050 -8 --no-padding
enc s32_stereo_l7.flac s32st 2 32 96000 -7 -b 1024 -S 64x --no-padding
ls -l *.flac
