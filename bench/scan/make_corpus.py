# SPDX-License-Identifier: Apache-2.0
"""Writes the model-scanner benchmark corpus.

Usage: python3 make_corpus.py OUT_DIR [--checkpoint-bytes N] [--pickle-items N] [--small N]
       python3 make_corpus.py --selftest

Groups (each is one scan input, so both tools get exactly the same path):
  checkpoint/model-5g.pt  PyTorch zip checkpoint: a real data.pkl (protocol 2, as torch.save
                          writes it) whose 40 tensors are views of one 5 GiB float32 storage,
                          stored uncompressed as archive/data/0 with ZIP64 headers. The payload is
                          zeros written as a sparse hole, so the file takes seconds to write; the
                          CRC-32 is the real one, computed arithmetically, and torch.load accepts
                          the file (checked by --selftest on a small one built the same way).
  pickle/big.pkl          protocol-4 pickle of 1.5 million small dicts (about 72 MB), opcode-heavy.
  small/                  1,250 small model files in 50 folders: torch.save state dicts (.pt, zip
                          format), plain pickles (.pkl, protocols 2-5) and NumPy arrays (.npy).
  mixed/                  1,000 model files of every format Citadel reads (make_mixed.py): Keras
                          .h5/.keras, ONNX, GGUF, safetensors, SavedModels, frozen graphs,
                          tokenizer configs, .pt and .pkl, in 40 folders.

Writes OUT_DIR/manifest.json describing the groups. Deterministic (fixed seeds). No network.
"""
import argparse
import collections
import io
import json
import os
import pickle
import random
import struct
import sys
import time
import zlib

CORPUS_VERSION = 2
GIB = 1 << 30
CHECKPOINT_BYTES = 5 * GIB
CHECKPOINT_TENSORS = 40
PICKLE_ITEMS = 1_500_000
SMALL_FILES = 1_250
SMALL_DIRS = 50
ALIGN = 64  # torch.save aligns each record's payload to 64 bytes with an "FB" padding extra field


# ---------------------------------------------------------------- CRC-32 of long runs of zeros

def _gf2_times(mat, vec):
    total, i = 0, 0
    while vec:
        if vec & 1:
            total ^= mat[i]
        vec >>= 1
        i += 1
    return total


def _gf2_square(mat):
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1, crc2, len2):
    """zlib's crc32_combine: the CRC-32 of A+B from crc(A), crc(B) and len(B)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    for _ in range(64):  # len2 < 2**64
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_zeros(n):
    """CRC-32 of n zero bytes in O(log n) combines instead of hashing n bytes."""
    crc, power_crc, power_len = 0, zlib.crc32(b"\0"), 1
    for _ in range(64):
        if not n:
            break
        if n & 1:
            crc = crc32_combine(crc, power_crc, power_len)
        power_crc = crc32_combine(power_crc, power_crc, power_len)
        power_len *= 2
        n >>= 1
    return crc


# ---------------------------------------------------------------- minimal ZIP64 writer

DOS_TIME, DOS_DATE = 0, (1 << 5) | 1  # 1980-01-01 00:00, fixed so the corpus is reproducible


def write_stored_zip(path, entries, force_zip64=False):
    """entries: list of (name, payload) where payload is bytes, or an int n meaning n zero bytes
    written as a sparse hole. Every entry is stored (method 0), its payload aligned to 64 bytes."""
    mtime, mdate = DOS_TIME, DOS_DATE
    central = []
    with open(path, "wb") as f:
        for name, payload in entries:
            raw_name = name.encode("utf-8")
            offset = f.tell()
            if isinstance(payload, int):
                size, crc = payload, crc32_zeros(payload)
            else:
                size, crc = len(payload), zlib.crc32(payload)
            zip64 = force_zip64 or size >= 0xFFFFFFFF or offset >= 0xFFFFFFFF
            extra = struct.pack("<HHQQ", 1, 16, size, size) if zip64 else b""
            unpadded = offset + 30 + len(raw_name) + len(extra) + 4
            pad = (-unpadded) % ALIGN
            extra += struct.pack("<HH", 0x4246, pad) + b"Z" * pad  # "FB" padding, as torch writes
            small = 0xFFFFFFFF if zip64 else size
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if zip64 else 20, 0, 0, mtime, mdate,
                                crc, small, small, len(raw_name), len(extra)))
            f.write(raw_name)
            f.write(extra)
            if isinstance(payload, int):
                f.seek(payload, os.SEEK_CUR)  # hole: reads back as zeros
            else:
                f.write(payload)
            central.append((raw_name, offset, size, crc, zip64))
        cd_offset = f.tell()
        for raw_name, offset, size, crc, zip64 in central:
            fields = []
            if zip64:
                fields += [size, size]
            if zip64 and (force_zip64 or offset >= 0xFFFFFFFF):
                fields.append(offset)
            extra = struct.pack("<HH", 1, 8 * len(fields)) + b"".join(struct.pack("<Q", v) for v in fields) if fields else b""
            small = 0xFFFFFFFF if zip64 else size
            small_offset = 0xFFFFFFFF if (zip64 and (force_zip64 or offset >= 0xFFFFFFFF)) else offset
            f.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 45, 45 if zip64 else 20, 0, 0,
                                mtime, mdate, crc, small, small, len(raw_name), len(extra), 0, 0, 0,
                                0o100644 << 16, small_offset))
            f.write(raw_name)
            f.write(extra)
        cd_end = f.tell()
        cd_size = cd_end - cd_offset
        count = len(central)
        any_zip64 = force_zip64 or any(c[4] for c in central) or cd_offset >= 0xFFFFFFFF
        if any_zip64:
            f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, cd_size, cd_offset))
            f.write(struct.pack("<IIQI", 0x07064B50, 0, cd_end, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(count, 0xFFFF), min(count, 0xFFFF),
                            min(cd_size, 0xFFFFFFFF), 0xFFFFFFFF if any_zip64 else cd_offset, 0))


# ---------------------------------------------------------------- (a) the big checkpoint

def checkpoint_pickle(storage_bytes, tensors):
    """data.pkl of an OrderedDict of `tensors` float32 tensors, each a view into storage '0'."""
    import torch  # for the global names only; nothing is allocated

    numel = storage_bytes // 4
    per = numel // tensors
    cols = 8192
    while per % cols:
        cols //= 2
    shape, stride = (per // cols, cols), (cols, 1)

    class Storage:
        pass

    storage = Storage()

    class Tensor:
        def __init__(self, offset):
            self.offset = offset

        def __reduce_ex__(self, protocol):
            return (torch._utils._rebuild_tensor_v2,
                    (storage, self.offset, shape, stride, False, collections.OrderedDict()))

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if obj is storage:
                return ("storage", torch.FloatStorage, "0", "cpu", numel)
            return None

    state = collections.OrderedDict(
        (f"layers.{i}.weight", Tensor(i * per)) for i in range(tensors))
    buf = io.BytesIO()
    Pickler(buf, protocol=2).dump(state)
    return buf.getvalue()


def write_checkpoint(path, storage_bytes, force_zip64=False):
    data_pkl = checkpoint_pickle(storage_bytes, CHECKPOINT_TENSORS)
    write_stored_zip(path, [
        ("archive/data.pkl", data_pkl),
        ("archive/data/0", storage_bytes),
        ("archive/version", b"3\n"),
    ], force_zip64=force_zip64)


# ---------------------------------------------------------------- (b) the big pickle

def write_big_pickle(path, items):
    rows = [{"id": i, "name": f"layer{i}.w", "v": i * 0.5, "shape": (i % 7, 8)} for i in range(items)]
    with open(path, "wb") as f:
        pickle.dump(rows, f, protocol=4)


# ---------------------------------------------------------------- (c) many small model files

def write_small(out_dir, count):
    import numpy as np
    import torch

    rng = random.Random(1234)
    torch.manual_seed(1234)
    np_rng = np.random.default_rng(1234)
    kinds = {"pt": 0, "pkl": 0, "npy": 0}
    for i in range(count):
        sub = os.path.join(out_dir, f"m{i % SMALL_DIRS:02d}")
        os.makedirs(sub, exist_ok=True)
        kind = ("pt", "pkl", "pt", "pkl", "npy")[i % 5]  # 2/5 .pt, 2/5 .pkl, 1/5 .npy
        kinds[kind] += 1
        if kind == "pt":
            dims = [rng.randint(8, 96) for _ in range(rng.randint(2, 5))]
            state = collections.OrderedDict()
            for layer, (a, b) in enumerate(zip(dims, dims[1:])):
                state[f"net.{layer}.weight"] = torch.randn(b, a)
                state[f"net.{layer}.bias"] = torch.randn(b)
            if rng.random() < 0.3:
                state["norm.weight"] = torch.ones(dims[-1])
                state["norm.running_mean"] = torch.zeros(dims[-1], dtype=torch.float16)
                state["step"] = torch.tensor(rng.randint(0, 10**6), dtype=torch.int64)
            torch.save(state, os.path.join(sub, f"model_{i:04d}.pt"))
        elif kind == "pkl":
            protocol = rng.randint(2, 5)
            obj = {
                "name": f"run-{i}",
                "epoch": rng.randint(1, 100),
                "lr": rng.random() / 100,
                "layers": [rng.randint(8, 512) for _ in range(rng.randint(1, 12))],
                "history": [[rng.random() for _ in range(8)] for _ in range(rng.randint(1, 40))],
                "tags": tuple(f"t{rng.randint(0, 99)}" for _ in range(3)),
                "extra": None if i % 3 else {"flag": True, "note": "x" * rng.randint(0, 200)},
            }
            if protocol >= 3:
                obj["blob"] = bytes(rng.getrandbits(8) for _ in range(rng.randint(16, 2048)))
            if i % 4 == 1:
                obj = collections.OrderedDict(sorted(obj.items()))
            # ndarrays, as a scikit-learn pickle holds them (not at protocol 2, which routes their bytes
            # through _codecs.encode; not at 5, which routes them through numpy's _frombuffer)
            if i % 10 == 3 and 3 <= protocol <= 4:
                obj["coef"] = np_rng.standard_normal((rng.randint(1, 32), rng.randint(1, 64)))
            with open(os.path.join(sub, f"state_{i:04d}.pkl"), "wb") as f:
                pickle.dump(obj, f, protocol=protocol)
        else:
            dtype = (np.float32, np.int64, np.float16)[i % 3]
            arr = (np_rng.standard_normal((rng.randint(1, 64), rng.randint(1, 256))) * 100).astype(dtype)
            np.save(os.path.join(sub, f"array_{i:04d}.npy"), arr)
    return kinds


# ---------------------------------------------------------------- driver

def _size(path):
    total, files = 0, 0
    if os.path.isfile(path):
        return os.path.getsize(path), 1
    for base, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(base, name))
            files += 1
    return total, files


def build(out, checkpoint_bytes, pickle_items, small):
    os.makedirs(out, exist_ok=True)
    groups = []

    t = time.monotonic()
    ckpt = os.path.join(out, "checkpoint", "model-5g.pt")
    os.makedirs(os.path.dirname(ckpt), exist_ok=True)
    write_checkpoint(ckpt, checkpoint_bytes)
    size, files = _size(ckpt)
    groups.append({"id": "checkpoint", "path": ckpt, "bytes": size, "files": files,
                   "what": f"PyTorch zip, ZIP64, {CHECKPOINT_TENSORS} tensors over one "
                           f"{checkpoint_bytes / GIB:g} GiB stored entry (sparse zeros)"})
    print(f"corpus: checkpoint {size / 1e6:,.0f} MB in {time.monotonic() - t:.1f} s", flush=True)

    t = time.monotonic()
    big = os.path.join(out, "pickle", "big.pkl")
    os.makedirs(os.path.dirname(big), exist_ok=True)
    write_big_pickle(big, pickle_items)
    size, files = _size(big)
    groups.append({"id": "pickle", "path": big, "bytes": size, "files": files,
                   "what": f"protocol-4 pickle, list of {pickle_items:,} small dicts"})
    print(f"corpus: pickle {size / 1e6:,.1f} MB in {time.monotonic() - t:.1f} s", flush=True)

    t = time.monotonic()
    small_dir = os.path.join(out, "small")
    kinds = write_small(small_dir, small)
    size, files = _size(small_dir)
    groups.append({"id": "small", "path": small_dir, "bytes": size, "files": files,
                   "what": f"{kinds['pt']} .pt state dicts, {kinds['pkl']} .pkl, {kinds['npy']} .npy "
                           f"in {min(SMALL_DIRS, small)} folders"})
    print(f"corpus: small {files:,} files, {size / 1e6:,.1f} MB in {time.monotonic() - t:.1f} s", flush=True)

    t = time.monotonic()
    from make_mixed import write_mixed
    mixed_dir = os.path.join(out, "mixed")
    kinds = write_mixed(mixed_dir)
    size, files = _size(mixed_dir)
    groups.append({"id": "mixed", "path": mixed_dir, "bytes": size, "files": files,
                   "what": ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))})
    print(f"corpus: mixed {files:,} files, {size / 1e6:,.1f} MB in {time.monotonic() - t:.1f} s", flush=True)

    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"version": CORPUS_VERSION, "groups": groups}, f, indent=2)


def selftest():
    import tempfile
    import zipfile
    import torch

    for n in (0, 1, 5, 4096, 65537, 3 * 1024 * 1024 + 7):
        assert crc32_zeros(n) == zlib.crc32(bytes(n)), n
    with tempfile.TemporaryDirectory() as tmp:
        for force in (False, True):
            path = os.path.join(tmp, f"small{int(force)}.pt")
            storage = CHECKPOINT_TENSORS * 4 * 64
            write_checkpoint(path, storage, force_zip64=force)
            with zipfile.ZipFile(path) as z:
                assert z.testzip() is None  # CRCs and headers
            state = torch.load(path)
            assert len(state) == CHECKPOINT_TENSORS and all(float(t.abs().sum()) == 0 for t in state.values())
            assert state["layers.1.weight"].storage_offset() == 64
    print("selftest: crc32_zeros matches zlib; torch.load and zipfile accept the checkpoint layout")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?")
    parser.add_argument("--checkpoint-bytes", type=int, default=CHECKPOINT_BYTES)
    parser.add_argument("--pickle-items", type=int, default=PICKLE_ITEMS)
    parser.add_argument("--small", type=int, default=SMALL_FILES)
    parser.add_argument("--selftest", action="store_true")
    args = parser.parse_args()
    if args.selftest:
        selftest()
        return 0
    if not args.out:
        parser.error("OUT_DIR is required")
    if args.checkpoint_bytes % (CHECKPOINT_TENSORS * 4):
        parser.error(f"--checkpoint-bytes must be a multiple of {CHECKPOINT_TENSORS * 4}")
    build(args.out, args.checkpoint_bytes, args.pickle_items, args.small)
    return 0


if __name__ == "__main__":
    sys.exit(main())
