"""One control group per jail: a memory, process and CPU budget for everything the jail starts.

Per-process limits (``RLIMIT_AS``, ``RLIMIT_NPROC``) leave gaps a hostile notebook can use:
memory held in ``memfd`` files or in tmpfs belongs to no process, a few processes of 4 GiB
each add up, and many busy processes each in its own session get a fair share of the CPU
each.  A control group closes them: everything in it, page cache and tmpfs included, counts
against one ``memory`` limit; ``pids`` caps its tasks; ``cpu`` gives it at most one core.

Made when the grader may (root, or a delegated cgroup v2 subtree), for cgroup v1 and v2;
the process that becomes the jail joins it before it executes bwrap, so nothing the jail
ever starts is outside it.  Where none can be made, :func:`create` returns None and the
per-process limits of :mod:`nndl.jail.inside` are all there is (the README says so).
"""
import os
import threading
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
CONTROLLERS_V1 = ("memory", "pids", "cpu", "cpuacct")
_lock = threading.Lock()


def _own_paths():
    """controller -> this process's cgroup path (v1), and "" -> its v2 path."""
    paths = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for name in controllers.split(",") if controllers else [""]:
            paths[name] = path
    return paths


class JailGroup:
    """The control group(s) of one jail: :meth:`join` from the jail's first process, :meth:`remove` after."""

    def __init__(self, folders):
        self.folders = folders

    def join(self):
        """Runs in the child between fork and exec (see ``preexec_fn``): put this process in the group."""
        self.add(os.getpid())

    def add(self, pid):
        """Put the process ``pid`` in the group (a template jail's init, before it starts anything)."""
        pid = str(pid).encode()
        for folder in self.folders:
            fd = os.open(os.path.join(folder, "cgroup.procs"), os.O_WRONLY)
            try:
                os.write(fd, pid)
            finally:
                os.close(fd)

    def cpu_seconds(self):
        """CPU time used by everything in the group so far (None when the group cannot tell)."""
        for folder in self.folders:
            try:
                if os.path.exists(os.path.join(folder, "cpuacct.usage")):
                    return int(Path(folder, "cpuacct.usage").read_text()) / 1e9
                stat = Path(folder, "cpu.stat")
                if stat.exists():
                    for line in stat.read_text().splitlines():
                        if line.startswith("usage_usec "):
                            return int(line.split()[1]) / 1e6
            except (OSError, ValueError):
                continue
        return None

    def remove(self):
        """Delete the group once its processes are gone (they were killed with the jail)."""
        for folder in self.folders:
            for _ in range(50):
                try:
                    os.rmdir(folder)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.02)


def _write(folder, name, value):
    with open(os.path.join(folder, name), "w") as f:
        f.write(str(value))


def create(name, memory, processes, cpus=1.0):
    """A new control group for one jail, or None where the grader may not make one."""
    try:
        with _lock:
            if (ROOT / "cgroup.controllers").exists():
                return _create_v2(name, memory, processes, cpus)
            return _create_v1(name, memory, processes, cpus)
    except OSError:
        return None


def _create_v1(name, memory, processes, cpus):
    own = _own_paths()
    folders = []
    try:
        for controller in CONTROLLERS_V1:
            base = ROOT / controller
            if controller not in own or not base.is_dir():
                raise OSError(f"no {controller} hierarchy")
            folder = base / own[controller].lstrip("/") / f"nndl-{name}"
            folder.mkdir()
            folders.append(str(folder))
            if controller == "memory":
                _write(folder, "memory.limit_in_bytes", memory)
                try:
                    _write(folder, "memory.memsw.limit_in_bytes", memory)  # no swapping around the limit
                except OSError:
                    pass
            elif controller == "pids":
                _write(folder, "pids.max", processes)
            elif controller == "cpuacct":
                pass  # only read: what the jail used (cpu_seconds)
            else:
                _write(folder, "cpu.cfs_period_us", 100_000)
                _write(folder, "cpu.cfs_quota_us", int(100_000 * cpus))
    except OSError:
        JailGroup(folders).remove()
        raise
    return JailGroup(folders)


def _create_v2(name, memory, processes, cpus):
    parent = ROOT / _own_paths().get("", "/").lstrip("/")
    wanted = {"memory", "pids", "cpu"}
    enabled = set((parent / "cgroup.subtree_control").read_text().split())
    if not wanted <= enabled:
        _write(parent, "cgroup.subtree_control", " ".join(f"+{c}" for c in sorted(wanted - enabled)))
    folder = parent / f"nndl-{name}"
    folder.mkdir()
    try:
        _write(folder, "memory.max", memory)
        try:
            _write(folder, "memory.swap.max", 0)
        except OSError:
            pass
        _write(folder, "pids.max", processes)
        _write(folder, "cpu.max", f"{int(100_000 * cpus)} 100000")
    except OSError:
        JailGroup([str(folder)]).remove()
        raise
    return JailGroup([str(folder)])
