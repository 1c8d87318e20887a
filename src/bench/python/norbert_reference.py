#!/usr/bin/env python3
"""The anchor of jobs/bench: what a user would run instead of the job, in numpy + norbert.

For each track of a corpus in the job's layout (<mixtures>/<track>/mixture.wav,
<estimates>/<track>/<source>.wav, 16-bit PCM): read the WAVs, STFT in this project's convention
(org.wienerspark.dsp.Stft: periodic Hann, reflect padding of n_fft/2, 1 + length // hop frames,
one-sided unnormalised rFFT; tracks of at most n_fft/2 samples zero-extended to n_fft/2 + 1),
v = |STFT(estimate)|, norbert.wiener(v, x, iterations, use_softmask=False), inverse STFT
(irfft, window, overlap-add, divided by the overlap-added squared window), and 16-bit WAVs
(round half to even of x * 32768, clipped) in <output>/<track>/<source>.wav.

    norbert_reference.py --norbert DIR --mixtures D --estimates D --output D
                         [--tracks a,b] [--iterations 1] [--n-fft 4096] [--hop 1024]
                         [--compare JOB_OUTPUT]

--norbert is the folder that holds the norbert package (a copy fetched into a git-ignored
folder; never part of this repository). --tracks restricts the run to some tracks (jobs/bench
runs one process per core, each pinned with taskset, on its share of the tracks). --compare
prints, after the timed work, "max_lsb_diff N": the largest difference, in 16-bit steps,
between these outputs and the job's.
"""
import argparse
import os
import sys
import time

import numpy as np
from scipy.io import wavfile


def window(n_fft):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)


def stft(s, n_fft, hop):
    """s (samples, channels) float64 -> (frames, bins, channels) complex128."""
    half = n_fft // 2
    length = s.shape[0]
    extended = max(length, half + 1)
    if extended > length:
        s = np.concatenate([s, np.zeros((extended - length, s.shape[1]))])
    padded = np.pad(s, ((half, half), (0, 0)), mode="reflect")
    frames = 1 + extended // hop
    w = window(n_fft)
    out = np.empty((frames, half + 1, s.shape[1]), dtype=np.complex128)
    # In chunks of frames: the windowed frames of a whole track would take gigabytes.
    for t0 in range(0, frames, 256):
        t1 = min(frames, t0 + 256)
        idx = np.arange(t0, t1)[:, None] * hop + np.arange(n_fft)[None, :]
        out[t0:t1] = np.fft.rfft(padded[idx] * w[None, :, None], axis=1)
    return out


def istft(x, n_fft, hop, length):
    """(frames, bins, channels) -> (length, channels) float64."""
    half = n_fft // 2
    frames, _, channels = x.shape
    w = window(n_fft)
    total = (frames - 1) * hop + n_fft
    acc = np.zeros((total, channels))
    norm = np.zeros(total)
    for t0 in range(0, frames, 256):
        t1 = min(frames, t0 + 256)
        seg = np.fft.irfft(x[t0:t1], n=n_fft, axis=1) * w[None, :, None]
        for t in range(t0, t1):
            acc[t * hop:t * hop + n_fft] += seg[t - t0]
    w2 = w * w
    for t in range(frames):
        norm[t * hop:t * hop + n_fft] += w2
    return (acc[half:half + length] / norm[half:half + length, None])


def read16(path):
    rate, data = wavfile.read(path)
    if data.dtype != np.int16:
        raise SystemExit(f"{path}: expected 16-bit PCM, got {data.dtype}")
    if data.ndim == 1:
        data = data[:, None]
    return rate, data.astype(np.float64) / 32768.0


def write16(path, rate, s):
    q = np.clip(np.round(s * 32768.0), -32768, 32767)
    q[np.isnan(q)] = 0
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wavfile.write(path, rate, q.astype(np.int16))


def separate(norbert, mixtures, estimates, output, track, iterations, n_fft, hop):
    rate, mix = read16(os.path.join(mixtures, track, "mixture.wav"))
    sources = sorted(f[:-4] for f in os.listdir(os.path.join(estimates, track)) if f.endswith(".wav"))
    x = stft(mix, n_fft, hop)
    v = np.empty(x.shape + (len(sources),))
    for j, name in enumerate(sources):
        _, est = read16(os.path.join(estimates, track, name + ".wav"))
        v[..., j] = np.abs(stft(est, n_fft, hop))
    y = norbert.wiener(v, x, iterations, use_softmask=False)
    for j, name in enumerate(sources):
        write16(os.path.join(output, track, name + ".wav"), rate, istft(y[..., j], n_fft, hop, mix.shape[0]))
    return sources


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--norbert", required=True)
    p.add_argument("--mixtures", required=True)
    p.add_argument("--estimates", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--tracks")
    p.add_argument("--iterations", type=int, default=1)
    p.add_argument("--n-fft", type=int, default=4096)
    p.add_argument("--hop", type=int, default=1024)
    p.add_argument("--compare")
    a = p.parse_args()
    sys.path.insert(0, a.norbert)
    import norbert

    tracks = a.tracks.split(",") if a.tracks else sorted(os.listdir(a.mixtures))
    t0 = time.perf_counter()
    done = {}
    for track in tracks:
        done[track] = separate(norbert, a.mixtures, a.estimates, a.output, track, a.iterations, a.n_fft, a.hop)
    print(f"reference_seconds {time.perf_counter() - t0:.3f}", flush=True)
    if a.compare:
        worst = 0
        for track, sources in done.items():
            for name in sources:
                _, ours = wavfile.read(os.path.join(a.output, track, name + ".wav"))
                _, job = wavfile.read(os.path.join(a.compare, track, name + ".wav"))
                if ours.shape != job.shape:
                    raise SystemExit(f"{track}/{name}.wav: shape {ours.shape} here, {job.shape} from the job")
                worst = max(worst, int(np.max(np.abs(ours.astype(np.int32) - job.astype(np.int32)), initial=0)))
        print(f"max_lsb_diff {worst}", flush=True)


if __name__ == "__main__":
    main()
