"""The hub's exchange loop for a simulated class: submit, collect, grade, release feedback, fetch, timed by phase.

    python benchmarks/exchange_loop.py --students 300 [--assignment w2_numpy_basics]

A course folder is made in a temporary directory with nbgrader's filesystem exchange beside it; the
assignment is released with ``nbgrader release_assignment``; each simulated student (a correct solution or one
catalogued mistake, seeded) hands in through nbgrader's own ``ExchangeSubmit`` with their own student id, as
``nbgrader submit`` does on the hub. Then the instructor's loop of ``nndl hub collect-grade-release`` runs phase
by phase, each timed: ``nbgrader collect --before-duedate``, ``nndl grade`` (the jail, a local cluster of one
worker per core: this is "grading alone"), ``nbgrader release_feedback``. Last, every student's
``nbgrader fetch_feedback`` (nbgrader's ``ExchangeFetchFeedback``), timed for the whole class. The preflight
(references and mutants) is run once before, so it is not in the grading figure; it is printed apart.
"""
import argparse
import contextlib
import io
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def make_course(folder, assignment, exchange):
    from nndl.course import nbgrader_api

    for name in ("grader_config.py", "nbgrader_config.py"):
        shutil.copy(REPO / name, folder / name)
    with open(folder / "grader_config.py", "a") as f:
        f.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    (folder / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / f"{assignment}.py", folder / "notebooks")
    shutil.copy(REPO / "notebooks" / "mistakes.toml", folder / "notebooks")
    shutil.copytree(REPO / "source" / assignment, folder / "source" / assignment)
    result = nbgrader_api(folder).generate_assignment(assignment, force=True)
    assert result["success"], result["log"]


def exchange_config(exchange, work, student):
    from traitlets.config import Config

    config = Config()
    config.Exchange.root = str(exchange)
    config.Exchange.cache = str(work / ".cache" / student)
    config.Exchange.assignment_dir = str(work / student)
    config.CourseDirectory.course_id = "nndl"
    config.CourseDirectory.root = str(work / student)
    return config


def submit_class(root, assignment, exchange, work, students, seed):
    """Each student hands in, through nbgrader's exchange, a correct solution or one catalogued mistake."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default.submit import ExchangeSubmit

    from nndl.mistakes import MISTAKES
    from nndl.simulate import filled_notebook

    import nbformat

    rng = random.Random(seed)
    mistakes = sorted(MISTAKES.get(assignment, {}).items())
    correct = filled_notebook(root, assignment)
    for k in range(students):
        student = f"sim{k:04d}"
        folder = work / student / assignment
        folder.mkdir(parents=True)
        nb = correct if rng.random() < 0.6 or not mistakes else filled_notebook(root, assignment,
                                                                                   dict([rng.choice(mistakes)]))
        nbformat.write(nb, folder / f"{assignment}.ipynb")
        config = exchange_config(exchange, work, student)
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id, coursedir.student_id = assignment, student
        ExchangeSubmit(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()


def fetch_feedback_all(exchange, work, assignment, students):
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default.fetch_feedback import ExchangeFetchFeedback

    for k in range(students):
        student = f"sim{k:04d}"
        config = exchange_config(exchange, work, student)
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id, coursedir.student_id = assignment, student
        ExchangeFetchFeedback(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()
    return sum(1 for _ in work.glob(f"sim*/{assignment}/feedback/*/*.html"))


def timed(label, times, fn, *args):
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result = fn(*args)
    times[label] = time.perf_counter() - start
    print(f"{label}: {times[label]:.1f} s", flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--assignment", default="w2_numpy_basics")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from nndl.cli import main as nndl
    from nndl.hub.loop import nbgrader, prepare_release
    from nndl.pipeline.preflight import preflight

    a = args.assignment
    base = Path(tempfile.mkdtemp(prefix="nndl-exchange-bench-"))
    root, exchange, work = base / "course", base / "exchange", base / "students"
    for folder in (root, exchange, work):
        folder.mkdir()
    os.chmod(exchange, 0o1777)
    make_course(root, a, exchange)
    times = {}
    timed("preflight (references and mutants, once per release; not in grading)", times, preflight, root, [a])
    timed("release_assignment", times, nbgrader, root, "release_assignment", a)
    timed(f"{args.students} submissions through the exchange", times, submit_class, root, a, exchange, work,
          args.students, args.seed)
    timed("collect", times, nbgrader, root, "collect", "--before-duedate", a)
    status = timed("grade (nndl grade: grading alone)", times, nndl, ["--root", str(root), "grade", a])
    assert status == 0, f"nndl grade exited {status}"
    released = timed("release_feedback", times, lambda: (prepare_release(root, a),
                                                         nbgrader(root, "release_feedback", a))[0])
    fetched = timed("fetch_feedback, every student", times, fetch_feedback_all, exchange, work, a, args.students)
    grading = times["grade (nndl grade: grading alone)"]
    loop = sum(times[k] for k in ("collect", "grade (nndl grade: grading alone)", "release_feedback"))
    print(f"\n{args.students} students, {a}: feedback released to {len(released)}, fetched by {fetched}")
    print(f"instructor's loop (collect + grade + release): {loop:.1f} s; grading alone {grading:.1f} s "
          f"({grading / loop:.0%} of the loop); collect {times['collect'] / loop:.1%}, "
          f"release {times['release_feedback'] / loop:.1%}")
    shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
