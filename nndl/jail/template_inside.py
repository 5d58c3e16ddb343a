"""The program of a template jail: Python, NumPy and IPython imported once, a fresh jail forked per notebook.

Started by :mod:`nndl.jail.template` as ``python -I template_inside.py --control-fd N`` inside
a bwrap jail that has no submission in it and the capabilities to make namespaces.  It imports
what every notebook needs, checks that it is still one thread, says ``ready`` and then serves
requests on its control socket, one per notebook.  It never runs student code itself and never
receives anything of a student: a request carries a uid, limits and four file descriptors (the
notebook's stdin and output pipes, a status socket, the submission's folder).

For each request it forks a *keeper*, which makes new mount, PID, network, IPC and UTS
namespaces, mounts fresh size-limited tmpfs folders on ``/tmp`` and ``/home/student`` and
forks the jail's *init* (PID 1 of the new namespaces, with a ``/proc`` of its
own).  The keeper sends the grader a pidfd of the init, waits for it, and reports how it ended.
The init waits until the grader has put it in the jail's control group (``go`` on the status
socket), then forks the notebook's process, which copies the submission, closes every
descriptor it must not keep, becomes the jail's own user and runs :func:`inside.serve`.  When
the init ends (the notebook finished, or the grader killed it), the kernel ends everything
left in its namespaces.
"""
import ctypes
import json
import os
import re
import signal
import socket
import stat
import struct
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # python -I leaves the script's folder out
import inside  # noqa: E402
import wire  # noqa: E402,F401 - imported here once, for every jail

del sys.path[0]

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 0x1000, 0x4000, 1 << 18
HOME, WORKDIR = "/home/student", "/home/student/work"
PREIMPORTS = ("numpy", "numpy.random", "IPython", "IPython.core.interactiveshell", "matplotlib", "h5py")
MIN_UID = 1000  # a jail never runs as root or as a system user

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, f"{what}: {os.strerror(error)}")


def _mount(source, target, kind, flags, options=None):
    _check(_libc.mount(source and source.encode(), target.encode(), kind and kind.encode(), ctypes.c_ulong(flags),
                       options and options.encode()), f"mount {target}")


def _tell():
    """The current exception on the template's stderr (seen with NNDL_JAIL_DEBUG=1), before an ``os._exit``."""
    traceback.print_exc(file=sys.__stderr__)
    sys.__stderr__.flush()


def preimport():
    """Import what every notebook imports; fail loudly if that started a thread (forking would copy it half)."""
    import importlib

    for name in PREIMPORTS:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    threads = len(os.listdir("/proc/self/task"))
    if threads != 1:
        raise SystemExit(f"the template imported its modules and now has {threads} threads; it must have one")


def serve_forever(control):
    """Answer each request with ``{"ok": true}`` once its jail is forked, or ``{"error": ...}``; stop at EOF."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # keepers are reaped by the kernel
    while True:
        message, fds, _, _ = socket.recv_fds(control, 65536, 8)
        if not message:
            os._exit(0)  # the grader closed its end (or died): the template ends, and every jail with it
        try:
            request = json.loads(message)
            if len(fds) != 4 or not isinstance(request.get("uid"), int) or request["uid"] < MIN_UID:
                raise ValueError("a request needs a uid of at least 1000 and four descriptors")
            pid = os.fork()
        except (ValueError, OSError) as error:
            for fd in fds:
                os.close(fd)
            control.send(json.dumps({"error": str(error)}).encode())
            continue
        if pid == 0:
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                control.close()
                keep(request, *fds)
            except BaseException:  # noqa: BLE001 - told on stderr (seen with NNDL_JAIL_DEBUG=1); the grader sees no jail
                _tell()
            finally:
                os._exit(70)
        for fd in fds:
            os.close(fd)
        control.send(b'{"ok": true}')


def keep(request, stdin_fd, out_fd, status_fd, submission_fd):
    """The keeper: new namespaces and folders, then the init; report how the init ended."""
    status = socket.socket(fileno=status_fd)
    disk = int(request["limits"]["disk"])
    try:
        _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS), "unshare")
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
        for folder, mode in (("/tmp", "1777"), (HOME, "0755")):  # /dev (and /dev/shm) stays the template's
            below = _hold_mounts_below(folder)
            _mount("tmpfs", folder, "tmpfs", MS_NOSUID | MS_NODEV, f"mode={mode},size={disk}")
            _put_back(below)
        socket.sethostname("jail")
        pid = os.fork()
    except OSError as error:  # the grader is told why, and makes this jail (and the next) with bwrap
        status.send(json.dumps({"error": str(error)}).encode())
        raise
    if pid == 0:
        init(request, stdin_fd, out_fd, status, submission_fd)
    for fd in (stdin_fd, out_fd, submission_fd):
        os.close(fd)
    pidfd = os.pidfd_open(pid)
    socket.send_fds(status, [b"pid"], [pidfd])
    os.close(pidfd)
    _, code = os.waitpid(pid, 0)
    if os.WIFSIGNALED(code):
        report = {"signal": os.WTERMSIG(code)}
    else:
        code = os.WEXITSTATUS(code)
        report = {"signal": code - 128} if code > 128 else {"exit": code}
    try:
        status.send(json.dumps(report).encode())
    except OSError:
        pass
    os._exit(0)


def _hold_mounts_below(folder):
    """The outermost mounts below ``folder`` (what bwrap bound there: the grader's venv when it lives
    below /tmp, say), each as (path, O_PATH descriptor), so that a tmpfs mounted on ``folder`` does not
    hide them (:func:`_put_back`)."""
    points = set()
    with open("/proc/self/mountinfo") as table:
        for line in table:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), line.split()[4])
            if point.startswith(folder + "/"):
                points.add(point)
    outermost = []
    for point in sorted(points, key=len):
        if not any(point.startswith(outer + "/") for outer in outermost):
            outermost.append(point)
    return [(point, os.open(point, os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC)) for point in outermost]


def _put_back(held):
    """Bind each held mount (with what is mounted below it, read-only as it was) at its path again."""
    for point, fd in held:
        missing = []
        parent = os.path.dirname(point)
        while not os.path.exists(parent):
            missing.append(parent)
            parent = os.path.dirname(parent)
        for path in reversed(missing):
            os.mkdir(path, 0o755)
            os.chmod(path, 0o755)  # whatever the umask: the jail's user cannot add to these
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            os.mkdir(point, 0o755)
        else:
            os.close(os.open(point, os.O_CREAT | os.O_WRONLY, 0o644))
        _mount(f"/proc/self/fd/{fd}", point, None, MS_BIND | MS_REC)
        os.close(fd)


def init(request, stdin_fd, out_fd, status, submission_fd):
    """PID 1 of the jail: its own /proc; once in the control group, fork the notebook's process and reap."""
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        if status.recv(16) != b"go":
            os._exit(1)
        status.close()
        os.setsid()
        pid = os.fork()
        if pid == 0:
            notebook(request, stdin_fd, out_fd, submission_fd)
        for fd in (stdin_fd, out_fd, submission_fd):
            os.close(fd)
        while True:
            reaped, code = os.wait()
            if reaped == pid:
                os._exit(128 + os.WTERMSIG(code) if os.WIFSIGNALED(code) else min(os.WEXITSTATUS(code), 128))
    except BaseException:  # noqa: BLE001 - whatever failed, the jail ends
        _tell()
        os._exit(71)


def notebook(request, stdin_fd, out_fd, submission_fd):
    """The notebook's process: only its two pipes kept, then :func:`inside.serve` as in a jail of its own."""
    try:
        os.dup2(stdin_fd, 0)
        keep_fds = sorted({0, 1, 2, out_fd, submission_fd})
        for low, high in zip([-1] + keep_fds, keep_fds + [os.sysconf("SC_OPEN_MAX")]):
            if high > low + 1:
                os.closerange(low + 1, high)
        import random

        random.seed()  # a fresh seed, as a fresh process would have
        if "numpy.random" in sys.modules:
            sys.modules["numpy.random"].seed()
        args = type("Args", (), {})()
        args.out_fd, args.workdir, args.limits = out_fd, WORKDIR, json.dumps(request["limits"])
        args.submission, args.close_fds = f"/proc/self/fd/{submission_fd}", [submission_fd]
        args.uid = args.gid = request["uid"]
        inside.serve(args)
    except BaseException:  # noqa: BLE001 - told on stderr (NNDL_JAIL_DEBUG=1); the grader sees the run end
        _tell()
    finally:
        os._exit(72)


def main():
    fd = int(sys.argv[sys.argv.index("--control-fd") + 1])
    control = socket.socket(fileno=fd)
    preimport()
    credentials = struct.pack("3i", os.getpid(), os.getuid(), os.getgid())
    control.sendmsg([b"ready"], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, credentials)])
    serve_forever(control)


if __name__ == "__main__":
    main()
