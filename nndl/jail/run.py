"""Run one notebook in a jail and read back what it produced: cell outputs, then hidden-check results.

:func:`run_notebook` starts the program of :mod:`nndl.jail.inside` in a jail (see
:mod:`nndl.jail.bwrap`), sends it the cells, waits for ``cells_done``, then sends the
hidden inputs, and collects frames until ``done``.  Everything it reads is validated
plain data (:mod:`nndl.jail.wire`).  The whole run has one wall-clock budget, enforced
from here: when it is spent the jail is killed, whatever the code inside does with its
signals.  When the process inside dies (a signal, a crash, the out-of-memory killer),
it is run again without the cell or test that was running, a few times at most, within
the same budget.  When the run ends, the jail ends, and everything it started with it.
"""
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from nndl.jail import bwrap, cgroup, template, wire

MAX_RESTARTS = 3
MAX_READ_BYTES = 256 * 1024**2  # all the frames of one run
MAX_CELL_OUTPUT = 4 * 1024**2  # characters of outputs kept per cell (the jail is not trusted to cap them)
MAX_RUN_OUTPUT = 32 * 1024**2  # ... and per run
OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}
MIME_TYPES = {"text/plain", "text/html", "text/markdown", "text/latex", "image/png", "image/jpeg", "image/gif",
              "image/svg+xml"}
BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]*$")
CUT = {"output_type": "stream", "name": "stderr", "text": "\n[output cut: the notebook printed too much]\n"}

# One graded call's result, as :func:`_well_formed` leaves it: ``{"ok": True, "value": ..., "args_after"?: [...]}``
# or ``{"ok": False, "error": str}``, either with an optional ``"signature"`` and ``"line"`` (short strings).
# Hidden regions' judges read these dicts as they are (see :mod:`nndl.grading.specs`).
CallResult = dict[str, Any]
Process = subprocess.Popen | template.JailProcess  # the jail's first process, as the grader holds it


@dataclass(frozen=True)
class CellRun:
    """What one cell produced: nbformat output dicts, validated."""

    index: int
    outputs: list[dict]
    execution_count: int | None = None
    timed_out: bool = False
    exit_called: bool = False


@dataclass(frozen=True)
class JailRun:
    """What one notebook's run produced, and what went wrong, in plain words (of its last attempt, when the
    process died and the notebook was run again without the culprit)."""

    cells: dict[int, CellRun] = field(default_factory=dict)
    results: dict[str, dict[str, CallResult] | None] = field(default_factory=dict)  # grade id -> {call id: result}
    dropped: list[dict] = field(default_factory=list)  # {"cell": index} or {"probe": grade id}: the process died in it
    problems: list[str] = field(default_factory=list)
    isolated: bool = True
    contained: bool = False  # a control group held the jail's memory, processes and CPU together
    seconds: float = 0.0
    cpu_seconds: float | None = None  # CPU time of the jails of this run (from their control groups)


@dataclass
class _Attempt:
    """One run of the jail, as it goes (the jail may die and be started again without the culprit)."""

    cells: dict[int, CellRun] = field(default_factory=dict)
    results: dict[str, dict[str, CallResult] | None] = field(default_factory=dict)
    running: dict | None = None  # the cell or test the jail said it began last (one the grader sent)
    culprit: dict | None = None  # what was running when the process died
    cells_done: bool = False  # the jail ran the cells; the hidden inputs went in
    output_left: int = MAX_RUN_OUTPUT  # characters of cell outputs this run may still keep
    problem: str = ""
    finished: bool = False
    out_of_time: bool = False
    contained: bool = False
    cpu_seconds: float | None = None


def run_notebook(cells: list[dict], probes: dict[str, list[dict]], folder: str | Path, *, budget: float = 300.0,
                 cell_seconds: float = 60, call_seconds: float = 60, data_dir: str | None = None,
                 limits: bwrap.Limits = bwrap.Limits(), isolated: bool = True) -> JailRun:
    """Run ``cells`` of the notebook whose folder is ``folder`` in a jail.

    ``cells``: dicts ``{"kind": "code", "index", "source"}`` or ``{"kind": "test", "index",
    "grade_id", "source"}`` (a test cell's public code); ``probes``: grade id -> list of calls
    (``target``, ``kind``, ``args``, ``kwargs``, ``keep_args``).  ``isolated=False`` runs the same
    program without a jail (``--unisolated``).
    """
    start = time.monotonic()
    deadline = start + budget
    targets = {gid: sorted({(c["target"], c.get("kind", "call")) for c in calls}) for gid, calls in probes.items()}
    dropped, problems, cpu_seconds = [], [], None
    for _ in range(MAX_RESTARTS + 1):
        attempt = _run_once(cells, targets, probes, folder, deadline, cell_seconds, call_seconds, data_dir,
                            limits, isolated)
        if attempt.cpu_seconds is not None:
            cpu_seconds = (cpu_seconds or 0.0) + attempt.cpu_seconds
        if attempt.problem:
            problems.append(attempt.problem)
        if attempt.finished or attempt.out_of_time or not attempt.culprit:
            break
        item = attempt.culprit
        dropped.append(item)
        if "cell" in item:
            cells = [c for c in cells if c["index"] != item["cell"]]
        else:
            probes = {g: c for g, c in probes.items() if g != item["probe"]}
    return JailRun(attempt.cells, attempt.results, dropped, problems, isolated, attempt.contained,
                   time.monotonic() - start, cpu_seconds)


_groups = [0]


def _spawn(folder: str | Path, data_dir: str | None, limits: bwrap.Limits, isolated: bool, out_w: int,
           workdir_host: str, group: cgroup.JailGroup | None) -> Process:
    inside = Path(bwrap.__file__).resolve().parent / "inside.py"
    common = ["--out-fd", str(out_w), "--limits", json.dumps(limits.as_dict())]
    if template.wanted(isolated):
        stdin_r, stdin_w = os.pipe()
        try:
            proc = template.start(folder, data_dir, limits, bwrap.jail_uid(), stdin_r, out_w, group)
            proc.stdin = os.fdopen(stdin_w, "wb")
            return proc
        except template.Unusable:  # the same jail, made by bwrap for this notebook alone
            os.close(stdin_w)
        except BaseException:
            os.close(stdin_w)
            raise
        finally:
            os.close(stdin_r)
    if isolated:
        uid = bwrap.jail_uid() if bwrap.runs_as_root() else None
        argv = bwrap.command(folder, data_dir, limits, uid) + [
            sys.executable, "-I", f"{bwrap.CODE}/inside.py", "--submission", bwrap.SUBMISSION,
            "--workdir", bwrap.WORKDIR, *common]
        if uid is not None:
            argv += ["--uid", str(uid), "--gid", str(uid)]
        env = None
    else:
        argv = [sys.executable, "-I", str(inside), "--submission", str(folder), "--workdir", workdir_host, *common]
        env = bwrap.jail_environment(data_dir, {"HOME": str(Path(workdir_host).parent),
                                                "MPLCONFIGDIR": str(Path(workdir_host).parent / ".matplotlib"),
                                                "IPYTHONDIR": str(Path(workdir_host).parent / ".ipython")})
    debug = None if os.environ.get("NNDL_JAIL_DEBUG") else subprocess.DEVNULL  # the jail's own stderr, for maintainers
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=debug,
                            pass_fds=(out_w,), start_new_session=True, env=env,
                            preexec_fn=group.join if group else None,
                            cwd=None if isolated else os.path.dirname(workdir_host))


class _Reader(threading.Thread):
    """Reads frames from the jail's channel into a queue; stops at the end, a bad frame or the byte cap."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.stream = _Capped(os.fdopen(fd, "rb", buffering=1 << 16), MAX_READ_BYTES)
        self.frames = queue.Queue()

    def run(self) -> None:
        try:
            while True:
                item = wire.read_frame(self.stream)
                if item is None:
                    break
                self.frames.put(item)
        except Exception:  # noqa: BLE001 - whatever the jail sends, the grader only notes that it was unreadable
            self.frames.put(("error", "unreadable"))
        finally:
            self.frames.put(None)
            self.stream.close()


class _Capped:
    def __init__(self, raw: BinaryIO, cap: int) -> None:
        self.raw, self.left = raw, cap

    def read(self, size: int) -> bytes:
        if size > self.left:
            raise ValueError("the notebook sent more than the grader reads")
        data = self.raw.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.raw.close()


def _run_once(cells: list[dict], targets: dict[str, list], probes: dict[str, list[dict]], folder: str | Path,
              deadline: float, cell_seconds: float, call_seconds: float, data_dir: str | None,
              limits: bwrap.Limits, isolated: bool) -> _Attempt:
    """One attempt at the notebook: start a jail, read what it sends until it is done, end it."""
    attempt = _Attempt()
    with tempfile.TemporaryDirectory(prefix="nndl-run-") as tmp:
        proc, reader, group = _start(folder, data_dir, limits, isolated, os.path.join(tmp, "work"))
        attempt.contained = group is not None
        request = {"cells": cells, "targets": {g: [list(t) for t in ts] for g, ts in targets.items()},
                   "cell_seconds": int(cell_seconds), "call_seconds": int(call_seconds)}
        _send(proc, wire.frame({"type": "request", **request}), close=False)
        try:
            _read(attempt, proc, reader, cells, probes, deadline)
        finally:
            _reap(attempt, proc, reader, group)
    if not attempt.finished and not attempt.out_of_time:
        attempt.culprit = attempt.running
        attempt.problem = attempt.problem or _why_it_stopped(proc.returncode)
    return attempt


def _start(folder: str | Path, data_dir: str | None, limits: bwrap.Limits, isolated: bool,
           workdir: str) -> tuple[Process, _Reader, cgroup.JailGroup | None]:
    """Start the jail (in a control group of its own when isolated) and the thread reading its channel."""
    group = None
    if isolated:
        _groups[0] += 1
        group = cgroup.create(f"{os.getpid()}-{_groups[0]}", limits.memory, limits.processes)
    out_r, out_w = os.pipe()
    try:
        proc = _spawn(folder, data_dir, limits, isolated, out_w, workdir, group)
    except BaseException:
        os.close(out_r)
        if group:
            group.remove()
        raise
    finally:
        os.close(out_w)
    reader = _Reader(out_r)
    reader.start()
    return proc, reader, group


def _read(attempt: _Attempt, proc: Process, reader: _Reader, cells: list[dict],
          probes: dict[str, list[dict]], deadline: float) -> None:
    """Take the jail's frames into ``attempt`` until it is done, stops, sends what cannot be read, or the
    budget is spent."""
    sent = {("cell", c["index"]) for c in cells} | {("probe", g) for g in probes}
    indices = {c["index"] for c in cells}
    while not attempt.finished:
        left = deadline - time.monotonic()
        if left <= 0:
            attempt.out_of_time = True
            attempt.problem = ("the notebook did not finish within its time budget; it was stopped while "
                               + ("its graded functions were called" if attempt.cells_done else "its cells ran"))
            return
        try:
            item = reader.frames.get(timeout=min(left, 1.0))
        except queue.Empty:
            if proc.poll() is not None and not reader.is_alive() and reader.frames.empty():
                return
            continue
        if item is None:
            return
        if item[0] == "error":
            attempt.problem = "the notebook's process sent data the grader cannot read; it was stopped"
            return
        _take(attempt, proc, item, sent, indices, probes)


def _take(attempt: _Attempt, proc: Process, frame: tuple[dict, Any], sent: set[tuple[str, Any]],
          indices: set[int], probes: dict[str, list[dict]]) -> None:
    """Note one frame from the jail in ``attempt``: a frame out of turn, or about something the grader did
    not send, is ignored."""
    header, value = frame
    kind = header.get("type")
    if kind == "begin":
        attempt.running = _begun(header.get("item"), sent)
    elif kind == "cell" and not attempt.cells_done:
        cell = _cell_run(header, indices, attempt.output_left)
        if cell:
            attempt.output_left -= _size(cell.outputs)
            attempt.cells[cell.index] = cell
    elif kind == "cells_done" and not attempt.cells_done:
        attempt.cells_done = True
        _send(proc, wire.frame({"type": "probes"}, probes, has_value=True), close=True)
    elif kind == "probe" and attempt.cells_done and header.get("grade_id") in probes:
        grade_id = header["grade_id"]
        attempt.results[grade_id] = _well_formed(value, [c["id"] for c in probes[grade_id]])
    elif kind == "done" and attempt.cells_done:
        attempt.finished = True


def _reap(attempt: _Attempt, proc: Process, reader: _Reader, group: cgroup.JailGroup | None) -> None:
    """End the jail and everything it started, stop reading, and count its CPU time (from its control group)."""
    if attempt.finished:  # let it exit and be reaped (so its CPU time is counted), briefly
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
    _kill(proc)
    reader.join(timeout=10)
    if group:
        attempt.cpu_seconds = group.cpu_seconds()
        if attempt.cpu_seconds is not None:
            attempt.cpu_seconds += getattr(proc, "fork_cpu_seconds", 0.0)
        group.remove()


def _why_it_stopped(code: int | None) -> str:
    """A process that ended before the notebook did, in plain words."""
    if code is not None and code < 0:
        return f"the process running the notebook was killed ({signal.Signals(-code).name}; out of memory?)"
    return f"the process running the notebook stopped early (exit status {code})"


def _send(proc: Process, data: bytes, close: bool) -> None:
    """Write to the jail's stdin from a thread (a jail that does not read cannot block the grader)."""
    def write() -> None:
        try:
            proc.stdin.write(data)
            proc.stdin.flush()
            if close:
                proc.stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass

    threading.Thread(target=write, daemon=True).start()


def _kill(proc: Process) -> None:
    """End the jail and everything in it (bwrap's or the template jail's pid namespace; the process group
    when unisolated)."""
    if isinstance(proc, template.JailProcess):
        proc.kill()
        proc.wait()
        try:
            proc.stdin.close()
        except OSError:
            pass
        return
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.kill()
    except ProcessLookupError:
        pass
    proc.wait()


def _begun(item: Any, sent: set[tuple[str, Any]]) -> dict | None:
    """A ``begin`` frame names a cell or a test; only one the grader sent can be blamed."""
    if not isinstance(item, dict) or len(item) != 1:
        return None
    (kind, value), = item.items()
    return {kind: value} if (kind, value) in sent else None


def _size(outputs: list[dict]) -> int:
    return sum(len(str(v)) for o in outputs for v in o.values())


def _cell_run(header: dict, indices: set[int], room: int) -> CellRun | None:
    index = header.get("index")
    if not isinstance(index, int) or index not in indices or not isinstance(header.get("outputs"), list):
        return None
    count = header.get("execution_count")
    outputs, room = [], min(room, MAX_CELL_OUTPUT)
    for raw in header["outputs"][:1000]:
        output = _output(raw)
        if output is None:
            continue
        size = _size([output])
        if size > room:
            outputs.append(dict(CUT))
            break
        outputs.append(output)
        room -= size
    return CellRun(index, outputs, count if isinstance(count, int) and count > 0 else None,
                   header.get("timed_out") is True, header.get("exit_called") is True)


def _output(raw: Any) -> dict | None:
    """One output as nbformat wants it, or None: plain strings only, known mime types, base64 images,
    and no metadata but an image's numeric width and height (anything else could end up in HTML)."""
    if not isinstance(raw, dict) or raw.get("output_type") not in OUTPUT_TYPES:
        return None
    kind = raw["output_type"]
    if kind == "stream":
        if raw.get("name") not in ("stdout", "stderr") or not isinstance(raw.get("text"), str):
            return None
        return {"output_type": kind, "name": raw["name"], "text": raw["text"]}
    if kind == "error":
        trace = raw.get("traceback")
        if not isinstance(trace, list) or not all(isinstance(t, str) for t in trace):
            trace = []
        return {"output_type": kind, "ename": str(raw.get("ename", ""))[:200], "evalue": str(raw.get("evalue", "")),
                "traceback": trace}
    data = raw.get("data")
    if not isinstance(data, dict):
        return None
    data = {k: v for k, v in data.items() if k in MIME_TYPES and isinstance(v, str)
            and (not k.startswith("image/") or k == "image/svg+xml" or BASE64.match(v))}
    if not data:
        return None
    metadata = {}
    for mime, meta in (raw.get("metadata") or {}).items() if isinstance(raw.get("metadata"), dict) else []:
        if mime in data and mime.startswith("image/") and isinstance(meta, dict):
            size = {k: v for k, v in meta.items() if k in ("width", "height") and isinstance(v, (int, float))
                    and not isinstance(v, bool)}
            if size:
                metadata[mime] = size
    out = {"output_type": kind, "data": data, "metadata": metadata}
    if kind == "execute_result":
        count = raw.get("execution_count")
        out["execution_count"] = count if isinstance(count, int) and not isinstance(count, bool) else None
    return out


def _well_formed(results: Any, ids: list[str]) -> dict[str, CallResult] | None:
    """The jail's results, by call id: ``{id: dict with a boolean ok}``; anything else counts as a failure.

    Each result names the call it answers (``id``); a result for an id the grader did not ask
    for, or a second one for the same id, is ignored, and a call left unanswered has no entry,
    so a missing or extra result can never shift the others onto the wrong case.  Besides
    ``value`` (or ``error``) a result may carry the function's ``signature`` and the ``line`` of
    the notebook's code that raised: short strings, nothing else."""
    if not isinstance(results, list):
        return None
    wanted, clean = set(ids), {}
    for result in results:
        key = result.get("id") if isinstance(result, dict) else None
        if not isinstance(key, str) or key not in wanted or key in clean:
            continue
        if result.get("ok") is True and "value" in result:
            entry = {k: v for k, v in result.items() if k in ("ok", "value", "args_after")}
        else:
            error = result.get("error")
            entry = {"ok": False, "error": error if isinstance(error, str) else "no readable result"}
        for field_name in ("signature", "line"):
            value = result.get(field_name)
            if isinstance(value, str) and value:
                entry[field_name] = value[:200]
        clean[key] = entry
    return clean
