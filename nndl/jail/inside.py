"""The program that runs inside a jail: one real IPython shell runs a notebook, as Jupyter would.

It is started by :mod:`nndl.jail.run` as ``python -I inside.py OPTIONS`` and imports
nothing of the grader but :mod:`wire` (copied beside it): everything here runs next to
student code and produces data only.

1. As root (the grader's jail when it runs as root) it copies the submission's folder
   into its private work folder, hands it to the jail's own user and becomes that
   user; then it lowers its limits (memory, processes, file size, CPU, open files).
2. It reads the *request* frame from stdin: the code cells, and for each test cell the
   names it will grade.  It runs every cell in one IPython shell, recording its outputs
   (streams, rich displays, results, tracebacks) as Jupyter does, with a time limit per
   cell (a ``KeyboardInterrupt``, like Jupyter's interrupt button).  Where a test cell
   stands it first keeps the objects the test will call, then runs the cell's public code.
3. After the last cell it says ``cells_done``; only then does the grader send the hidden
   inputs (the *probes* frame), so no cell that produces visible output ever had them.
   Each kept function is called on fresh copies of its inputs, with a time limit per call.

Frames written to ``--out-fd`` (see :mod:`wire`): ``begin`` (before each cell and each
probe, so the grader knows what was running if the process dies), ``cell``,
``cells_done``, ``probe`` and ``done``.
"""
import argparse
import base64
import copy
import importlib
import importlib.machinery
import importlib.util
import inspect
import json
import linecache
import os
import resource
import shutil
import signal
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # python -I leaves the script's folder out
import wire  # noqa: E402

del sys.path[0]

_real_exit = os._exit  # kept before any notebook code runs
MAX_CELL_OUTPUT = 2 * 1024**2  # characters of output one cell may record


DEFERRED = "matplotlib.pyplot"  # imported by most setup cells, used only by plots, which graded runs mostly skip


class _Deferred(types.ModuleType):
    """Stands in for ``matplotlib.pyplot`` until something of it is used; then pyplot is imported and used.

    ``import matplotlib.pyplot as plt`` costs about 0.3 s of CPU, and graded runs leave the plotting
    cells out; so the setup cell's import binds this stand-in (and imports the ``matplotlib`` package
    itself, as usual), and the first ``plt.<anything>`` imports pyplot exactly as an eager import would
    have, only later.  Only pyplot is deferred: a deferred package would be imported twice over."""

    def __getattr__(self, name):
        return getattr(_import_deferred(), name)

    def __dir__(self):
        return dir(_import_deferred())


def _import_deferred():
    if isinstance(sys.modules.get(DEFERRED), _Deferred):
        del sys.modules[DEFERRED]
    return importlib.import_module(DEFERRED)


def defer_imports():
    """Put a stand-in for pyplot in ``sys.modules`` (when matplotlib is installed and pyplot not yet imported)."""
    package = importlib.util.find_spec("matplotlib")
    if DEFERRED in sys.modules or package is None or not package.origin:
        return
    module = _Deferred(DEFERRED)
    module.__spec__ = importlib.machinery.ModuleSpec(DEFERRED, None)
    # what inspect reads of every module (IPython's tracebacks call inspect.getmodule): no import for that
    module.__file__ = os.path.join(os.path.dirname(package.origin), "pyplot.py")
    sys.modules[DEFERRED] = module


class CallTimeout(BaseException):
    """A graded call ran past its time limit (a BaseException, so ``except Exception`` cannot swallow it)."""


class Channel:
    """Frames to the grader, on a file descriptor only this program is meant to use."""

    def __init__(self, fd):
        self.fd = fd

    def send(self, header, value=None, has_value=False):
        data = wire.frame(header, value, has_value)
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]


class Recorder:
    """The outputs of the cell being run, as nbformat output dicts (plain JSON)."""

    def __init__(self):
        self.outputs, self.size, self.truncated = [], 0, False

    def _room(self, text_size):
        if self.size + text_size > MAX_CELL_OUTPUT:
            if not self.truncated:
                self.truncated = True
                self.outputs.append({"output_type": "stream", "name": "stderr",
                                     "text": "\n[output cut: this cell printed too much]\n"})
            return False
        self.size += text_size
        return True

    def stream(self, name, text):
        if not isinstance(text, str):
            text = str(text)
        if not text or not self._room(len(text)):
            return
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def rich(self, output_type, data, metadata, execution_count=None):
        clean = {}
        for mime, value in (data or {}).items():
            if isinstance(value, (bytes, bytearray)):
                value = base64.b64encode(bytes(value)).decode("ascii")
            elif not isinstance(value, str):
                try:
                    value = json.loads(json.dumps(value))
                except (TypeError, ValueError):
                    value = str(value)
            clean[str(mime)] = value
        if not self._room(sum(len(str(v)) for v in clean.values())):
            return
        try:
            metadata = json.loads(json.dumps(metadata or {}))
        except (TypeError, ValueError):
            metadata = {}
        output = {"output_type": output_type, "data": clean, "metadata": metadata}
        if output_type == "execute_result":
            output["execution_count"] = execution_count
        self.outputs.append(output)

    def error(self, ename, evalue, traceback):
        if self._room(sum(map(len, traceback)) + len(evalue)):
            self.outputs.append({"output_type": "error", "ename": ename, "evalue": evalue,
                                 "traceback": [str(line) for line in traceback]})

    def clear(self):
        self.outputs, self.size = [], 0

    def new_cell(self):
        self.clear()
        self.truncated = False


RECORDER = Recorder()


class Stream:
    """What ``sys.stdout`` / ``sys.stderr`` are while cells run: text goes to the cell's outputs."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self, name):
        self.name = name

    def write(self, text):
        RECORDER.stream(self.name, text)
        return len(text) if isinstance(text, str) else 0

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True


def make_shell():
    """A real IPython shell whose display hook, display publisher and tracebacks record outputs."""
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class RecordingDisplayHook(DisplayHook):
        def start_displayhook(self):
            pass

        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            RECORDER.rich("execute_result", format_dict, md_dict, self.shell.execution_count)

        def finish_displayhook(self):
            pass

    class RecordingPublisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            RECORDER.rich("display_data", data, metadata)

        def clear_output(self, wait=False):
            RECORDER.clear()

    class RecordingShell(InteractiveShell):
        def _showtraceback(self, etype, evalue, stb):
            RECORDER.error(getattr(etype, "__name__", str(etype)), str(evalue), list(stb))

        def enable_gui(self, gui=None):
            pass

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    shell = RecordingShell.instance(config=config, displayhook_class=RecordingDisplayHook,
                                    display_pub_class=RecordingPublisher)
    shell.user_ns["__name__"] = "__main__"
    return shell


def enter_jail(args):
    """Copy the submission into the work folder, become the jail's user, lower the limits."""
    try:  # under memory pressure, the kernel kills a jail's process before anything of the grader's
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")
    except OSError:
        pass
    shutil.copytree(args.submission, args.workdir, symlinks=True, dirs_exist_ok=True)
    for fd in getattr(args, "close_fds", ()):  # a template jail's view of the submission: not for the notebook
        os.close(fd)
    if args.uid is not None:  # started as root: everything the jail may write goes to its own user
        for folder in (os.path.dirname(args.workdir), "/tmp"):
            os.chmod(folder, 0o1777 if folder == "/tmp" else 0o755)
        for top, dirs, files in os.walk(os.path.dirname(args.workdir)):
            for name in [top, *(os.path.join(top, n) for n in dirs + files)]:
                os.lchown(name, args.uid, args.gid)
        os.setgroups([])
        os.setresgid(args.gid, args.gid, args.gid)
        os.setresuid(args.uid, args.uid, args.uid)
    limits = json.loads(args.limits)
    for name, value in (("RLIMIT_AS", limits.get("memory")), ("RLIMIT_FSIZE", limits.get("file_size")),
                        ("RLIMIT_NPROC", limits.get("processes")), ("RLIMIT_CPU", limits.get("cpu_seconds")),
                        ("RLIMIT_NOFILE", limits.get("open_files")), ("RLIMIT_CORE", 0)):
        if value is not None:
            value = int(value)
            hard = resource.getrlimit(getattr(resource, name))[1]
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(getattr(resource, name), (value, value))
    os.chdir(args.workdir)


def run_cells(shell, channel, request):
    """Run the cells in order; keep, at each test cell, what its hidden checks will call."""
    kept = {}
    interrupted = {"now": False}
    seconds = int(request["cell_seconds"])

    def interrupt(signum, frame):
        interrupted["now"] = True
        signal.alarm(1)  # and again every second, should the cell catch it
        raise KeyboardInterrupt(f"the cell ran past its {seconds} s time limit")

    exits = []

    def exit_refused(status=0):
        exits.append(status)
        raise SystemExit(f"os._exit({status}) was called")

    for cell in request["cells"]:
        channel.send({"type": "begin", "item": {"cell": cell["index"]}})
        if cell["kind"] == "test":
            for target, kind in request["targets"].get(cell["grade_id"], []):
                kept.setdefault(cell["grade_id"], {})[target] = _keep(shell.user_ns, target, kind)
        RECORDER.new_cell()
        interrupted["now"], exits[:] = False, []
        signal.signal(signal.SIGALRM, interrupt)
        os._exit = exit_refused  # a notebook that calls os._exit loses that cell, not the whole run
        signal.alarm(seconds)
        try:
            shell.run_cell(cell["source"], store_history=True)
        except BaseException as error:  # noqa: BLE001 - an interrupt that landed outside the cell's code
            RECORDER.error(type(error).__name__, str(error), [f"{type(error).__name__}: {error}"])
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, signal.SIG_IGN)
        channel.send({"type": "cell", "index": cell["index"], "outputs": RECORDER.outputs,
                      "execution_count": shell.execution_count - 1, "timed_out": interrupted["now"],
                      "exit_called": bool(exits)})
    for grade_id, targets in request["targets"].items():  # test cells the notebook lacks: keep at the end
        if grade_id not in kept:
            kept[grade_id] = {t: _keep(shell.user_ns, t, k) for t, k in targets}
    return kept


MISSING = object()


def _keep(namespace, target, kind):
    if target not in namespace:
        return MISSING
    value = namespace[target]
    if kind == "value":
        try:
            return copy.deepcopy(value)
        except Exception:  # noqa: BLE001 - an object that cannot be copied is kept as it is
            return value
    return value


def short_error(exc):
    """``TypeError: message``: the first line of the message, cut short (the grader cleans it again)."""
    try:
        text = str(exc).splitlines()[0] if str(exc) else ""
    except Exception:  # noqa: BLE001 - an exception whose str() fails
        text = ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def signature_of(obj):
    try:
        return inspect.signature(obj)
    except (TypeError, ValueError):  # builtins and odd callables have none to show
        return None


def student_line(exc, workdir):
    """The last line of the notebook's own code (a cell, or a module it wrote) that ``exc`` went through."""
    line, tb = "", exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith("<ipython-input-") or name.startswith(workdir + os.sep):
            text = linecache.getline(name, tb.tb_lineno).strip()
            line = text or line
        tb = tb.tb_next
    return line[:160]


def call(kept, spec, seconds, workdir=""):
    """One graded call on fresh copies of its inputs; a dict with ``ok`` and ``value`` or ``error``.

    Before the call the arguments are bound to the function's signature, so a function that
    cannot take them is reported as such (with its signature), not by whatever it raises."""
    target = spec["target"]
    obj = kept.get(target, MISSING)
    if obj is MISSING:
        return {"ok": False, "error": f"`{target}` is not defined when this test cell runs"}
    if spec.get("kind") == "value":
        return {"ok": True, "value": obj}
    if not callable(obj):
        return {"ok": False, "error": f"`{target}` is not a function"}
    args = copy.deepcopy(list(spec.get("args", [])))
    kwargs = copy.deepcopy(dict(spec.get("kwargs", {})))
    signature = signature_of(obj)
    shown = str(signature)[:200] if signature is not None else ""
    if signature is not None:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            return {"ok": False, "error": "signature", "signature": shown}
    signal.alarm(seconds)
    try:
        value = obj(*args, **kwargs)
    except CallTimeout:
        return {"ok": False, "error": f"`{target}` ran for more than {seconds} s"}
    except BaseException as exc:  # noqa: BLE001 - student code may raise anything, even SystemExit
        return {"ok": False, "error": short_error(exc), "line": student_line(exc, workdir), "signature": shown}
    finally:
        signal.alarm(0)
    result = {"ok": True, "value": value, "signature": shown}
    if spec.get("keep_args"):
        result["args_after"] = list(args)
    return result


def send_results(channel, grade_id, results):
    """Send one test's results; a result that cannot be encoded goes as a failed call."""
    try:
        channel.send({"type": "probe", "grade_id": grade_id}, results, has_value=True)
        return
    except (BrokenPipeError, CallTimeout):
        raise
    except Exception:  # noqa: BLE001 - a value whose encoding fails
        pass
    safe = []
    for result in results:
        try:
            wire.encode(result, {})
            safe.append(result)
        except Exception:  # noqa: BLE001
            safe.append({"ok": False, "error": "the result could not be read back (unusual object)",
                         "id": result.get("id")})
    channel.send({"type": "probe", "grade_id": grade_id}, safe, has_value=True)


def run_probes(channel, kept, probes, seconds, workdir):
    def too_long(signum, frame):
        raise CallTimeout()

    signal.signal(signal.SIGALRM, too_long)
    for grade_id, calls in probes.items():
        channel.send({"type": "begin", "item": {"probe": grade_id}})
        results = [{**call(kept.get(grade_id, {}), spec, seconds, workdir), "id": spec.get("id")} for spec in calls]
        signal.alarm(seconds)
        try:
            send_results(channel, grade_id, results)
        except CallTimeout:
            channel.send({"type": "probe", "grade_id": grade_id},
                         [{"ok": False, "error": "the result took too long to read back", "id": r["id"]}
                          for r in results], has_value=True)
        finally:
            signal.alarm(0)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--out-fd", type=int, required=True)
    parser.add_argument("--submission", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--uid", type=int)
    parser.add_argument("--gid", type=int)
    parser.add_argument("--limits", default="{}")
    serve(parser.parse_args(argv))


def serve(args):
    """Run one notebook: the request from stdin, frames to ``args.out_fd``; never returns."""
    channel = Channel(args.out_fd)
    stdin = sys.stdin.buffer
    header, _ = wire.read_frame(stdin)
    enter_jail(args)
    sys.path.insert(0, args.workdir)
    sys.argv = [""]
    shell = make_shell()
    defer_imports()
    sys.stdout, sys.stderr = Stream("stdout"), Stream("stderr")
    kept = run_cells(shell, channel, header)
    channel.send({"type": "cells_done"})
    _, probes = wire.read_frame(stdin)
    run_probes(channel, kept, probes or {}, int(header["call_seconds"]), os.path.realpath(args.workdir))
    channel.send({"type": "done"})
    _real_exit(0)  # do not wait for threads the notebook may have left running


if __name__ == "__main__":
    main()
