"""Move values between the grader and a sandbox as JSON plus an .npz of arrays.

Never pickle: whatever a sandbox writes is read back with ``json`` and
``np.load(allow_pickle=False)``, so a malicious submission can at worst send
wrong data, never code.  Values the format cannot carry come back as an
:class:`Opaque` that names their type, which then fails the type check.
"""
import json
import os
import zipfile
from dataclasses import dataclass

import numpy as np

MAX_DEPTH = 20
MAX_ITEMS = 10_000
MAX_BYTES = 1024**3  # what one sandbox's results may hold, unpacked


@dataclass(frozen=True)
class Opaque:
    """Stands for a value of a type the wire does not carry."""

    type_name: str


def encode(value, arrays, depth=0):
    """Return a JSON-able tree for ``value``; arrays go into the dict ``arrays``."""
    if depth > MAX_DEPTH:
        return {"opaque": "too deeply nested value"}
    if isinstance(value, (np.ndarray, np.generic)):  # first: np.float64 is also a float
        array = np.asarray(value)
        if array.dtype.kind not in "biufcSU":
            return {"opaque": f"array of {array.dtype} values"}
        key = f"a{len(arrays)}"
        arrays[key] = array
        return {"array": key, "scalar": isinstance(value, np.generic)}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return {"int": int.__repr__(value)}
    if isinstance(value, float):
        return {"float": float.__repr__(value)}
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_ITEMS:
            return {"opaque": f"{type(value).__name__} of {len(value)} items"}
        kind = "tuple" if isinstance(value, tuple) else "list"
        return {kind: [encode(v, arrays, depth + 1) for v in value]}
    if isinstance(value, dict):
        if len(value) > MAX_ITEMS or not all(isinstance(k, str) for k in value):
            return {"opaque": "dict"}
        return {"dict": [[k, encode(v, arrays, depth + 1)] for k, v in value.items()]}
    return {"opaque": type(value).__name__}


def decode(tree, arrays):
    """Inverse of :func:`encode`; ``arrays`` is a mapping such as a loaded .npz."""
    if tree is None or isinstance(tree, (bool, str)):
        return tree
    if not isinstance(tree, dict) or len(tree) == 0:
        return Opaque("malformed")
    if "int" in tree:
        return int(tree["int"])
    if "float" in tree:
        return float(tree["float"])
    if "array" in tree:
        array = arrays[tree["array"]]
        return array[()] if tree.get("scalar") else array
    if "list" in tree:
        return [decode(v, arrays) for v in tree["list"]]
    if "tuple" in tree:
        return tuple(decode(v, arrays) for v in tree["tuple"])
    if "dict" in tree:
        return {str(k): decode(v, arrays) for k, v in tree["dict"]}
    return Opaque(str(tree.get("opaque", "malformed")))


def dump(value, stem):
    """Write ``value`` to ``stem.json`` and ``stem.npz``."""
    arrays = {}
    tree = encode(value, arrays)
    np.savez(f"{stem}.npz", **arrays)
    with open(f"{stem}.json", "w") as f:
        json.dump(tree, f)


def load(stem, max_bytes=MAX_BYTES):
    """Read what :func:`dump` wrote, without unpickling anything and never more than ``max_bytes``.

    The sizes are checked before anything is read or decompressed, so a small file that
    would unpack into gigabytes is refused (ValueError) rather than exhausting memory.
    """
    if os.path.getsize(f"{stem}.json") > max_bytes:
        raise ValueError("the results file is too large")
    with zipfile.ZipFile(f"{stem}.npz") as archive:
        if sum(member.file_size for member in archive.infolist()) > max_bytes:
            raise ValueError("the results hold too much data")
    with open(f"{stem}.json") as f:
        tree = json.load(f)
    with np.load(f"{stem}.npz", allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return decode(tree, arrays)
