"""``nndl hub``: everything a hub for the course needs on this machine, then the hub itself.

Run as root (it makes Unix users).  It is safe to run again: existing accounts, passwords and the instructor's
course folder are kept; new students in the roster get accounts; the hub's configuration is rewritten.
"""
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from nndl.course import load_config
from nndl.export.roster import read_roster
from nndl.hub import accounts
from nndl.hub.course_folder import make_course_folder
from nndl.hub.exchange import make_exchange
from nndl.hub.hub_config import write_hub_config
from nndl.hub.user_config import write_instructor, write_student

DEMO_ROSTER = Path(__file__).with_name("demo_roster.csv")
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"
DEFAULT_INSTRUCTOR = "nndl-instructor"


@dataclass
class Hub:
    hub_dir: Path
    config: Path
    course: Path  # the instructor's course folder
    course_id: str
    instructor: str
    students: list
    exchange: Path
    new_passwords: dict  # user -> password, for accounts given one in this run (printed once)
    passwords_file: Path


def usable_by_everyone(python):
    """Every account runs this installation's Python (servers, nbgrader, the grader): refuse one that only
    root can reach (a pyenv in /root, say), naming the way out."""
    for path in (python, python.resolve()):
        for folder in path.parents:
            if not folder.stat().st_mode & 0o001:
                raise RuntimeError(f"this Python ({path}) lies in {folder}, which other users cannot enter, so the "
                                   "hub's accounts could not run it: install nndl in a venv made from a system "
                                   "Python (`make hub` makes .venv-hub from /usr/bin/python3)")


def roster_for(root, given=None):
    """The roster to use: ``given``, else roster.csv at the course root, else the shipped demo roster."""
    if given:
        return Path(given)
    return Path(root) / "roster.csv" if (Path(root) / "roster.csv").is_file() else DEMO_ROSTER


def setup_hub(root, *, roster=None, hub_dir=None, exchange=DEFAULT_EXCHANGE, instructor=DEFAULT_INSTRUCTOR,
              ip="127.0.0.1", port=8000, assignments=None):
    if os.geteuid() != 0:
        raise RuntimeError("nndl hub makes Unix users and starts servers as them: run it as root")
    usable_by_everyone(Path(sys.executable))
    root = Path(root)
    students = list(read_roster(roster_for(root, roster)))
    for name in [*students, instructor]:
        accounts.check_username(name, "instructor" if name == instructor else "student id")
    if instructor in students:
        raise ValueError(f"the instructor account {instructor!r} is also a student id in the roster")
    hub_dir = Path(hub_dir or root / ".hub")
    hub_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(hub_dir, 0o700)
    exchange = make_exchange(exchange)
    course_id = load_config(root).CourseDirectory.course_id

    home = accounts.ensure_user(instructor, "nndl instructor").pw_dir
    for student in students:
        accounts.ensure_user(student)
    course, _ = make_course_folder(root, instructor, course_id, assignments)
    write_instructor(instructor, home, course_id, exchange)
    for student in students:
        write_student(student, accounts.pwd.getpwnam(student).pw_dir, course_id, exchange)
    passwords_file = hub_dir / "passwords.csv"
    new = accounts.set_passwords(passwords_file, [instructor, *students])
    config = write_hub_config(hub_dir, ip=ip, port=port, instructor=instructor, students=students, course=course)
    return Hub(hub_dir, config, course, course_id, instructor, students, exchange, new, passwords_file)


def start_hub(hub):
    """Replace this process with JupyterHub, run from the hub folder (its state stays there)."""
    os.chdir(hub.hub_dir)
    jupyterhub = str(Path(sys.executable).parent / "jupyterhub")
    os.execv(jupyterhub, [jupyterhub, "-f", str(hub.config)])
