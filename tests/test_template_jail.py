"""Jails forked from one template (:mod:`nndl.jail.template`): each as separate as a bwrap jail of its own.

Every test is an attack from inside a notebook: what one jail leaves behind or holds open must
not be seen by the next (or by one running at the same time), and the notebook's process must
hold nothing that leads back to the template or the grader.
"""
import json
import os
import sys
import threading

import pytest

from nndl.jail import bwrap, template
from nndl.jail.run import run_notebook

pytestmark = [pytest.mark.security,
              pytest.mark.skipif(not template.wanted(True), reason="template jails are made when the grader is root")]


def run(tmp_path, source, **options):
    result = run_notebook([{"kind": "code", "index": 0, "source": source}], {}, tmp_path, **options)
    assert not result.problems, result.problems
    return result.cells[0].outputs


def printed(outputs):
    assert not [o for o in outputs if o["output_type"] == "error"], outputs
    return json.loads("".join(o.get("text", "") for o in outputs if o["output_type"] == "stream").strip())


@pytest.fixture(autouse=True)
def fresh_templates():
    """Each test meets the templates it makes itself, not those an earlier test of this process left open."""
    template.close_all()
    yield


def template_pid():
    (only,) = [t.pid for t in template._templates.values()]
    return only


LEAVE = """
import json, os, socket, subprocess
written = []
for path in ('/tmp/left', '/dev/shm/left', os.path.expanduser('~/left'), 'left'):
    try:
        open(path, 'w').write('from the first jail')
        written.append(path)
    except OSError:
        pass
listener = socket.socket(socket.AF_UNIX)
listener.bind('\\0nndl-left-behind')
listener.listen()
subprocess.Popen(['sleep', '1234.6'], start_new_session=True)
print(json.dumps(written))
"""

LOOK = """
import os, json, socket
found = [p for p in ('/tmp/left', '/dev/shm/left', os.path.expanduser('~/left'), 'left') if os.path.exists(p)]
try:
    socket.socket(socket.AF_UNIX).connect('\\0nndl-left-behind')
    found.append('abstract socket')
except OSError:
    pass
others = []
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        others.append(open(f'/proc/{pid}/cmdline').read())
    except OSError:
        pass
print(json.dumps({'found': found, 'processes': others, 'uid': os.getuid()}))
"""


def test_what_one_jail_leaves_is_gone_in_the_next_jail_of_the_same_template(tmp_path):
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir(), second.mkdir()
    assert "/tmp/left" in printed(run(first, LEAVE))
    pid = template_pid()
    seen = printed(run(second, LOOK))
    assert template_pid() == pid  # the same template made both jails
    assert seen["found"] == []
    assert not any("1234.6" in p for p in seen["processes"])
    assert len(seen["processes"]) <= 2  # the jail's init and the notebook itself
    assert not (second / "left").exists() and not (first / "left").exists()


def test_the_notebook_process_holds_nothing_that_leads_back(tmp_path):
    source = """
import os, json
fds = {}
for fd in os.listdir('/proc/self/fd'):
    try:
        fds[fd] = os.readlink(f'/proc/self/fd/{fd}')
    except OSError:
        pass  # the folder listing's own descriptor, closed by now
status = dict(line.split(':', 1) for line in open('/proc/self/status'))
try:
    open('/proc/1/mem', 'rb').read(1)
    init_memory = 'readable'
except OSError as error:
    init_memory = type(error).__name__
print(json.dumps({'fds': fds, 'cap': status['CapEff'].strip(), 'nnp': status['NoNewPrivs'].strip(),
                  'uid': os.getuid(), 'ppid': os.getppid(), 'init_memory': init_memory,
                  'host': os.uname().nodename}))
"""
    seen = printed(run(tmp_path, source))
    assert seen["cap"] == "0000000000000000" and seen["nnp"] == "1"
    assert seen["uid"] >= bwrap.UID_BASE and seen["ppid"] == 1 and seen["host"] == "jail"
    assert seen["init_memory"] in ("PermissionError", "FileNotFoundError")
    assert not [link for link in seen["fds"].values() if link.startswith("socket:")]  # no way to ask the template
    assert not [link for link in seen["fds"].values() if link.startswith("/") and not link.startswith(
        ("/dev/null", "/proc/"))]  # no folder of the grader (the submission's was closed)


def test_two_jails_running_at_once_cannot_see_each_other(tmp_path):
    wait = """
import socket, time, json, os
listener = socket.socket(socket.AF_UNIX)
listener.bind('\\0nndl-neighbour')
listener.listen()
open('/tmp/neighbour', 'w').write('here')
time.sleep(6)
print(json.dumps({'pids': len([p for p in os.listdir('/proc') if p.isdigit()])}))
"""
    look = """
import socket, time, json, os
time.sleep(2)
found = []
try:
    socket.socket(socket.AF_UNIX).connect('\\0nndl-neighbour')
    found.append('socket')
except OSError:
    pass
found += [p for p in ('/tmp/neighbour',) if os.path.exists(p)]
print(json.dumps({'found': found, 'pids': len([p for p in os.listdir('/proc') if p.isdigit()])}))
"""
    results = {}
    for name in ("wait", "look"):
        (tmp_path / name).mkdir()
    threads = [threading.Thread(target=lambda n, s: results.__setitem__(n, printed(run(tmp_path / n, s))), args=a)
               for a in (("wait", wait), ("look", look))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results["look"]["found"] == []
    assert results["look"]["pids"] <= 2 and results["wait"]["pids"] <= 2


def test_a_template_that_died_is_replaced(tmp_path):
    run(tmp_path, "print('{}')")
    os.kill(template_pid(), 9)
    for _ in template._templates.values():
        _.proc.wait(timeout=10)
    assert printed(run(tmp_path, "print('{\"ok\": 1}')")) == {"ok": 1}


def test_without_a_template_the_same_jail_is_made_by_bwrap(tmp_path, monkeypatch):
    monkeypatch.setenv("NNDL_JAIL_TEMPLATE", "0")
    template.close_all()
    seen = printed(run(tmp_path, LOOK))
    assert template._templates == {} and seen["uid"] >= bwrap.UID_BASE


def test_where_a_template_cannot_make_namespaces_each_notebook_gets_its_own_bwrap(tmp_path, monkeypatch):
    """A real bwrap without CAP_SYS_ADMIN for the template: its keeper's unshare fails, the grader says why
    and makes the jail with bwrap, as isolated as ever."""
    wrapper = tmp_path / "bwrap-without-admin"
    wrapper.write_text(f"#!{sys.executable}\nimport os, sys\nargs = sys.argv[1:]\nend = args.index('--')\n"
                       f"os.execv({bwrap.bwrap_binary()!r}, ['bwrap'] + args[:end] + ['--cap-drop', 'CAP_SYS_ADMIN']"
                       " + args[end:])\n")
    wrapper.chmod(0o755)
    monkeypatch.setenv("NNDL_BWRAP", str(wrapper))
    template.close_all()
    monkeypatch.setattr(template, "_unusable", [])
    (tmp_path / "nb").mkdir()
    seen = printed(run(tmp_path / "nb", LOOK))
    assert seen["uid"] >= bwrap.UID_BASE and seen["found"] == []
    assert "unshare: Operation not permitted" in template._unusable[0] and not template.wanted(True), template._unusable
