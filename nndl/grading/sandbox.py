"""The sandbox: run a notebook's code, then call its graded functions on given inputs.

Run as ``python -m nndl.grading.sandbox REQUEST_DIR`` in a child process (see
:mod:`nndl.grading.runner`).  It reads ``REQUEST_DIR/request.json`` (the code
cells in order, with a probe where each test cell stood) and the probe inputs
(``inputs.json``/``.npz``), executes the code cells in one namespace as the
kernel would, and at each probe calls the named functions on fresh copies of
the inputs.  Each probe's results are written to ``out/<grade_id>`` as soon as
they exist, so a crash later loses nothing earlier.

Everything here runs next to student code and is therefore untrusted: it
produces data only.  Judging happens in the grader process.
"""
import copy
import json
import os
import signal
import sys
import traceback

from nndl.grading import wire



class _CallTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _CallTimeout()


class _QuietShell:
    """Stands in for ``get_ipython()``: magics do nothing, ``%%`` cell magics run their body."""

    def __init__(self, namespace):
        self.namespace = namespace
        self.user_ns = namespace

    def run_line_magic(self, *args, **kwargs):
        return None

    def run_cell_magic(self, magic, line, cell):
        if magic in ("time", "timeit", "capture"):
            exec(compile(cell, "<cell magic>", "exec"), self.namespace)

    def system(self, *args, **kwargs):
        return None

    getoutput = system


def _transform(source):
    """Turn IPython syntax (magics, ``!cmd``) into plain Python, as the kernel does."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return source
    return TransformerManager().transform_cell(source)


def short_error(exc):
    """``TypeError: message``, the message cut short and stripped of decimals (no data leaks)."""
    import re

    text = str(exc).splitlines()[0] if str(exc) else ""
    text = re.sub(r"-?\d+\.\d+(e[-+]?\d+)?", "…", text)[:160]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _call(namespace, call, seconds):
    target = call["target"]
    if target not in namespace:
        return {"ok": False, "error": f"`{target}` is not defined when this test cell runs"}
    obj = namespace[target]
    if call.get("kind") == "value":
        return {"ok": True, "value": obj}
    if not callable(obj):
        return {"ok": False, "error": f"`{target}` is not a function"}
    args = copy.deepcopy(call.get("args", []))
    kwargs = copy.deepcopy(call.get("kwargs", {}))
    signal.alarm(seconds)
    try:
        value = obj(*args, **kwargs)
    except _CallTimeout:
        return {"ok": False, "error": f"`{target}` ran for more than {seconds} s"}
    except BaseException as exc:  # noqa: BLE001 - student code may raise anything, even SystemExit
        return {"ok": False, "error": short_error(exc)}
    finally:
        signal.alarm(0)
    result = {"ok": True, "value": value}
    if call.get("keep_args"):
        result["args_after"] = list(args)
    return result


_real_exit = os._exit  # kept before any notebook code runs


def _exit_refused(status=0):
    raise SystemExit(f"os._exit({status}) was called")


def main(request_dir):
    with open(os.path.join(request_dir, "request.json")) as f:
        request = json.load(f)
    probes = wire.load(os.path.join(request_dir, "inputs"))
    out_dir = os.path.join(request_dir, "out")
    signal.signal(signal.SIGALRM, _on_alarm)
    cell_seconds, call_seconds = request["cell_seconds"], request["call_seconds"]
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    namespace["get_ipython"] = lambda: _QuietShell(namespace)
    os._exit = _exit_refused  # a notebook that calls os._exit loses that cell, not the whole run
    cell_errors = []
    for cell in request["cells"]:
        with open(os.path.join(out_dir, "_current.json"), "w") as f:  # who is to blame if this process dies
            json.dump(cell, f)
        if cell["kind"] == "code":
            signal.alarm(cell_seconds)
            try:
                code = compile(_transform(cell["source"]), f"<cell {cell['index']}>", "exec")
                exec(code, namespace)
            except _CallTimeout:
                cell_errors.append({"index": cell["index"], "error": f"ran for more than {cell_seconds} s"})
            except BaseException as exc:  # noqa: BLE001
                cell_errors.append({"index": cell["index"], "error": short_error(exc)})
            finally:
                signal.alarm(0)
            continue
        grade_id = cell["grade_id"]
        results = [_call(namespace, call, call_seconds) for call in probes.get(grade_id, [])]
        wire.dump({"results": results, "cell_errors": list(cell_errors)}, os.path.join(out_dir, grade_id))
    with open(os.path.join(out_dir, "_done.json"), "w") as f:
        json.dump({"cell_errors": cell_errors}, f)
    _real_exit(0)  # do not wait for threads the notebook may have left running


if __name__ == "__main__":
    # Student code must not write into the grader's terminal.
    try:
        main(sys.argv[1])
    except Exception:  # pragma: no cover - reported through the missing _done.json
        traceback.print_exc()
        raise
