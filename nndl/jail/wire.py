"""The one format that crosses a jail's wall: JSON plus an .npz of arrays, in files or in frames.

Never pickle: whatever a jail sends is read back with ``json`` and
``np.load(allow_pickle=False)``, so a malicious submission can at worst send
wrong data, never code.  Values the format cannot carry come back as an
:class:`Opaque` that names their type, which then fails the type check.

A *frame* (what goes through the pipes between the grader and a jail) is::

    8 bytes   big-endian unsigned lengths: J (4 bytes) and N (4 bytes)
    J bytes   a UTF-8 JSON object, the header (``{"type": ..., ...}``); a value, if
              any, is its key ``"tree"`` (the :func:`encode` tree)
    N bytes   an .npz archive with the tree's arrays (N = 0: no arrays)

This module is also copied into every jail (it needs only numpy and the standard library).
"""
import io
import json
import os
import struct
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


def decode(tree, arrays, depth=0):
    """Inverse of :func:`encode`; ``arrays`` is a mapping such as a loaded .npz.

    Anything malformed (the tree may come from a hostile jail) decodes to an :class:`Opaque`."""
    if tree is None or isinstance(tree, (bool, str)):
        return tree
    if not isinstance(tree, dict) or len(tree) == 0 or depth > MAX_DEPTH:
        return Opaque("malformed")
    try:
        if "int" in tree:
            return int(tree["int"])
        if "float" in tree:
            return float(tree["float"])
        if "array" in tree:
            array = arrays[tree["array"]]
            return array[()] if tree.get("scalar") else array
        if "list" in tree:
            return [decode(v, arrays, depth + 1) for v in tree["list"][:MAX_ITEMS]]
        if "tuple" in tree:
            return tuple(decode(v, arrays, depth + 1) for v in tree["tuple"][:MAX_ITEMS])
        if "dict" in tree:
            return {str(k): decode(v, arrays, depth + 1) for k, v in tree["dict"][:MAX_ITEMS]}
    except (KeyError, TypeError, ValueError, IndexError):
        return Opaque("malformed")
    return Opaque(str(tree.get("opaque", "malformed"))[:80])


def dump(value, stem):
    """Write ``value`` to ``stem.json`` and ``stem.npz`` (compressed: cached results travel in bundles)."""
    arrays = {}
    tree = encode(value, arrays)
    np.savez_compressed(f"{stem}.npz", **arrays)
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


HEADER = struct.Struct(">II")
MAX_FRAME_JSON = 16 * 1024**2


def frame(header, value=None, has_value=False):
    """The bytes of one frame: ``header`` (a JSON-able dict) and, if given, ``value`` as its tree."""
    header = dict(header)
    arrays = {}
    if has_value or value is not None:
        header["tree"] = encode(value, arrays)
    text = json.dumps(header).encode()
    blob = b""
    if arrays:
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        blob = buffer.getvalue()
    return HEADER.pack(len(text), len(blob)) + text + blob


def _read_exactly(stream, size):
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the stream ended inside a frame")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(stream, max_bytes=MAX_BYTES):
    """The next ``(header, value)`` from a binary stream; None at a clean end of stream.

    Raises ValueError for anything malformed or larger than ``max_bytes``; nothing is unpickled.
    """
    first = stream.read(HEADER.size)
    if not first:
        return None
    if len(first) < HEADER.size:
        first += _read_exactly(stream, HEADER.size - len(first))
    size_json, size_npz = HEADER.unpack(first)
    if size_json > min(MAX_FRAME_JSON, max_bytes) or size_npz > max_bytes:
        raise ValueError("a frame is too large")
    try:
        header = json.loads(_read_exactly(stream, size_json))
    except (UnicodeDecodeError, RecursionError, json.JSONDecodeError) as error:
        raise ValueError("a frame header is not text") from error
    if not isinstance(header, dict):
        raise ValueError("a frame header is not a JSON object")
    arrays = {}
    if size_npz:
        blob = _read_exactly(stream, size_npz)
        arrays = _unpack_npz(io.BytesIO(blob), max_bytes)
    value = decode(header.pop("tree"), arrays) if "tree" in header else None
    return header, value


def _unpack_npz(source, max_bytes):
    try:
        with zipfile.ZipFile(source) as archive:
            if sum(member.file_size for member in archive.infolist()) > max_bytes:
                raise ValueError("the results hold too much data")
        source.seek(0)
        with np.load(source, allow_pickle=False) as npz:
            return {k: npz[k] for k in npz.files}
    except (zipfile.BadZipFile, OSError, KeyError, EOFError) as error:
        raise ValueError(f"unreadable arrays: {type(error).__name__}") from error
