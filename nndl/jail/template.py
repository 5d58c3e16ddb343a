"""Jails forked from a template: Python, NumPy and IPython start once per grading process, not once per notebook.

Starting a jail's Python and importing NumPy and IPython costs about 0.15 s of CPU, as much as
grading a whole small notebook.  When the grader is root, each grading process therefore
starts one *template jail* per data folder (bwrap, as for any jail, with no submission in it;
its program is :mod:`nndl.jail.template_inside`) and asks it for one fresh jail per notebook,
which it forks: new mount, PID, network, IPC and UTS namespaces, fresh tmpfs folders, a uid of
its own, the limits and the control group of :mod:`nndl.jail.run`.  Nothing of one notebook
is ever in the template, so nothing of one student can reach another.

:func:`start` returns a :class:`JailProcess`, which :mod:`nndl.jail.run` uses as it uses the
``Popen`` of a bwrap jail.  ``NNDL_JAIL_TEMPLATE=0`` turns templates off (one bwrap per
notebook, as when the grader is not root).
"""
import atexit
import json
import logging
import os
import select
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

from nndl.jail import bwrap

START_SECONDS = 120
REPLY_SECONDS = 30
_templates = {}  # data folder -> Template, for this process
_lock = threading.Lock()


_unusable = []  # why templates cannot make jails on this machine (then each notebook gets its own bwrap)


class Unusable(OSError):
    """This machine's template jails cannot make jails (say, namespaces cannot be made inside a jail)."""


def wanted(isolated):
    """Whether jails come from a template here: isolated, the grader is root, not turned off, and they work."""
    return (isolated and bwrap.runs_as_root() and os.environ.get("NNDL_JAIL_TEMPLATE", "1") != "0"
            and not _unusable)


class Template:
    """One template jail and the socket that asks it for jails."""

    def __init__(self, data_dir):
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.control.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        argv = bwrap.command(None, data_dir, template=True) + [
            sys.executable, "-I", f"{bwrap.CODE}/template_inside.py", "--control-fd", str(theirs.fileno())]
        debug = None if os.environ.get("NNDL_JAIL_DEBUG") else subprocess.DEVNULL
        try:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=debug,
                                         pass_fds=(theirs.fileno(),), start_new_session=True)
        finally:
            theirs.close()
        self.lock = threading.Lock()
        self.pid = None  # the template program's pid, as this process sees it
        try:
            message, ancillary, _, _ = self._receive(self.control, 16, socket.CMSG_SPACE(12), START_SECONDS)
        except (OSError, TimeoutError) as error:
            self.close()
            raise bwrap.JailUnavailable(f"the template jail did not start: {error}") from None
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                self.pid = struct.unpack("3i", data[:12])[0]
        if message != b"ready":
            self.close()
            raise bwrap.JailUnavailable("the template jail did not start (run with NNDL_JAIL_DEBUG=1 to see why)")

    @staticmethod
    def _receive(sock, size, ancillary, seconds):
        if not select.select([sock], [], [], seconds)[0]:
            raise TimeoutError(f"no answer within {seconds} s")
        return sock.recvmsg(size, ancillary)

    def fork(self, submission, uid, limits, stdin_r, out_w):
        """A new jail on ``submission``: (pidfd of its init, status socket)."""
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        folder = os.open(submission, os.O_RDONLY | os.O_DIRECTORY)
        try:
            request = json.dumps({"uid": uid, "limits": limits.as_dict()}).encode()
            with self.lock:
                socket.send_fds(self.control, [request], [stdin_r, out_w, theirs.fileno(), folder])
                reply, _, _, _ = self._receive(self.control, 4096, 0, REPLY_SECONDS)
        finally:
            os.close(folder)
            theirs.close()
        if not reply:
            mine.close()
            raise ConnectionError("the template jail has ended")
        answer = json.loads(reply)
        if not answer.get("ok"):
            mine.close()
            raise OSError(f"the template jail could not make a jail: {answer.get('error')}")
        try:
            if not select.select([mine], [], [], REPLY_SECONDS)[0]:
                raise TimeoutError("the new jail did not report")
            message, fds, _, _ = socket.recv_fds(mine, 4096, 1)
        except BaseException:
            mine.close()
            raise
        if len(fds) != 1:
            mine.close()
            for fd in fds:
                os.close(fd)
            why = json.loads(message).get("error") if message.startswith(b"{") else "it ended"
            raise OSError(f"the template jail could not make a jail: {why}")
        return fds[0], mine

    def cpu_seconds(self):
        """CPU time of the template program itself so far (its forks), or 0.0."""
        try:
            fields = open(f"/proc/{self.pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError, TypeError):
            return 0.0

    def alive(self):
        return self.proc.poll() is None

    def close(self):
        self.control.close()  # the template ends at EOF, and its jails with it
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _template(data_dir):
    with _lock:
        template = _templates.get(data_dir)
        if template is None or not template.alive():
            if template is not None:
                template.close()
            template = _templates[data_dir] = Template(data_dir)
        return template


def start(submission, data_dir, limits, uid, stdin_r, out_w, group):
    """Fork a jail for one notebook from this process's template (started on first use); put its init in
    ``group`` (when there is one) before anything runs in it."""
    for attempt in range(2):
        template = _template(data_dir)
        before = template.cpu_seconds()
        try:
            pidfd, status = template.fork(submission, uid, limits, stdin_r, out_w)
            break
        except (ConnectionError, BrokenPipeError, TimeoutError):  # a template that died: start another, once
            _forget(data_dir, template)
            if attempt:
                raise bwrap.JailUnavailable("the template jail ended twice while making a jail") from None
        except OSError as error:  # it is alive but cannot make a jail here: bwrap per notebook from now on
            _forget(data_dir, template)
            _unusable.append(str(error))
            logging.getLogger("nndl.jail").warning("%s; each notebook now gets a bwrap jail of its own", error)
            raise Unusable(str(error)) from None
    process = JailProcess(pidfd, status, template.cpu_seconds() - before)
    try:
        if group:
            group.add(process.pid)
        status.send(b"go")
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process


def _forget(data_dir, template):
    with _lock:
        if _templates.get(data_dir) is template:
            del _templates[data_dir]
    template.close()


def close_all():
    """End this process's templates (and every jail they made)."""
    with _lock:
        for template in _templates.values():
            template.close()
        _templates.clear()


atexit.register(close_all)


class JailProcess:
    """A jail forked from a template, as :mod:`nndl.jail.run` needs it: stdin, poll, wait, kill, returncode."""

    def __init__(self, pidfd, status, fork_cpu_seconds=0.0):
        self.pidfd, self.status, self.fork_cpu_seconds = pidfd, status, fork_cpu_seconds
        self.pid = _host_pid(pidfd)
        self.returncode = None
        self.stdin = None  # set by the caller: the write end of the jail's stdin

    def poll(self):
        if self.returncode is None and select.select([self.status], [], [], 0)[0]:
            self._read_status()
        return self.returncode

    def _read_status(self):
        try:
            message = self.status.recv(256)
            report = json.loads(message) if message else {"signal": signal.SIGKILL}
        except (OSError, ValueError):
            report = {"signal": signal.SIGKILL}
        code = report.get("exit")
        self.returncode = -int(report["signal"]) if "signal" in report else int(code or 0)
        self.status.close()
        os.close(self.pidfd)

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise subprocess.TimeoutExpired("jail", timeout)
            select.select([self.status], [], [], left)
        return self.returncode

    def kill(self):
        """End the jail: its init is killed, and the kernel ends everything in its namespaces."""
        if self.returncode is None:
            try:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _host_pid(pidfd):
    for line in open(f"/proc/self/fdinfo/{pidfd}"):
        if line.startswith("Pid:"):
            return int(line.split()[1])
    raise OSError("the jail's pid cannot be read")
