"""Start a sandbox process on a list of cells and probes, and read back what it produced."""
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

from nndl.grading import wire
from nndl.grading.workdir import isolated

MEMORY_BYTES = 8 * 1024**3
FILE_BYTES = 512 * 1024**2


@dataclass
class SandboxRun:
    """What one sandbox run produced: results per grade id, and what went wrong."""

    results: dict = field(default_factory=dict)
    cell_errors: list = field(default_factory=list)
    problem: str = ""  # why the run ended early, in plain words ("" when it finished)


def _limit_resources():  # runs in the child before exec
    os.setsid()
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))


MAX_RESTARTS = 3


def run_sandbox(cells, probes, cwd, timeout, cell_seconds=60, call_seconds=60):
    """Run ``cells`` (dicts: kind "code" with source, or kind "probe" with grade_id).

    ``probes`` maps grade id -> list of calls (target, args, kwargs, ...).
    The child runs in a throwaway copy of ``cwd`` with a scrubbed environment
    (see :mod:`nndl.grading.workdir`), its output discarded, one BLAS thread, and
    limits on memory, file size and wall time (in all, per cell, per call).
    When something kills the process outright (a signal, a crash), it is run
    again without the cell or test that was running, a few times at most.
    """
    dropped = []
    for _ in range(MAX_RESTARTS + 1):
        with isolated(cwd) as (work, env):
            run, culprit = _run_once(cells, probes, work, env, timeout, cell_seconds, call_seconds)
        if not culprit:
            break
        dropped.append(culprit)
        cells = [c for c in cells if c != culprit]
    for culprit in dropped:
        where = f"code cell {culprit['index']}" if culprit["kind"] == "code" else f"test {culprit['grade_id']}"
        run.problem = (f"{where} stopped the Python process running the notebook; it was left out"
                       + (f"; {run.problem}" if run.problem else ""))
    return run


def _run_once(cells, probes, cwd, env, timeout, cell_seconds, call_seconds):
    """One sandbox process; returns the run and the cell that killed it (None unless it was killed)."""
    run, culprit, died = SandboxRun(), None, False
    with tempfile.TemporaryDirectory(prefix="nndl-sandbox-") as tmp:
        os.makedirs(os.path.join(tmp, "out"))
        with open(os.path.join(tmp, "request.json"), "w") as f:
            json.dump({"cells": cells, "cell_seconds": int(cell_seconds), "call_seconds": int(call_seconds)}, f)
        wire.dump(probes, os.path.join(tmp, "inputs"))
        env = dict(env)
        env.update(MPLBACKEND="Agg", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1",
                   PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen(
            [sys.executable, "-m", "nndl.grading.sandbox", tmp], cwd=cwd, env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=_limit_resources)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            run.problem = f"the notebook's code did not finish within {timeout:.0f} s (an endless loop?)"
        else:
            died = code != 0 or not os.path.exists(os.path.join(tmp, "out", "_done.json"))
            if code < 0:
                run.problem = f"the Python process running the notebook was killed ({signal.Signals(-code).name}; out of memory?)"
            elif died:
                run.problem = f"the Python process running the notebook stopped early (exit status {code})"
        finally:  # whatever the notebook started (forked children, say) ends with it
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        done = os.path.join(tmp, "out", "_done.json")
        if os.path.exists(done):
            try:
                with open(done) as f:
                    run.cell_errors = json.load(f)["cell_errors"]
            except (ValueError, KeyError, TypeError):
                run.problem = run.problem or "the sandbox wrote an unreadable report"
        for grade_id in probes:
            stem = os.path.join(tmp, "out", grade_id)
            if os.path.exists(stem + ".json"):
                try:
                    run.results[grade_id] = _well_formed(wire.load(stem)["results"])
                except Exception:  # noqa: BLE001 - malformed output is the student's loss only
                    run.results[grade_id] = None
        current = os.path.join(tmp, "out", "_current.json")
        if died and os.path.exists(current):
            try:
                with open(current) as f:
                    culprit = json.load(f)
            except ValueError:
                culprit = None
            if culprit not in cells:  # only a cell we sent can be blamed (the file is writable by the notebook)
                culprit = None
    return run, culprit


def _well_formed(results):
    """The sandbox's results as a list of dicts with a boolean ``ok``; anything else counts as a failure."""
    if not isinstance(results, list):
        raise ValueError("results are not a list")
    clean = []
    for result in results:
        if isinstance(result, dict) and result.get("ok") is True and "value" in result:
            clean.append(result)
        else:
            error = result.get("error") if isinstance(result, dict) else None
            clean.append({"ok": False, "error": error if isinstance(error, str) else "no readable result"})
    return clean
