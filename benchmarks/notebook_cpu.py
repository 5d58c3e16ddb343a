"""CPU time of grading one submitted notebook, per assignment: in the worker and in the jail.

For each assignment it makes a course with ``N`` correct submissions, runs the preflight
(references and mutants, once), packs the instructor bundle, and grades every submission
with the worker's own task (:func:`nndl.pipeline.worker.grade_submission`) in this process,
after two warm-up submissions, feedback included. It prints per notebook the worker's own
CPU time (nbgrader's passes, judging, the feedback page), the jail's (from its control group,
or the child processes' when there is none) and their sum. CPU time, unlike wall time, hardly
depends on what else the machine runs.

Usage: ``python benchmarks/notebook_cpu.py [--submissions N] [assignment ...]``
"""
import argparse
import os
import sys
import tempfile
from pathlib import Path

from nndl.course import assignments as all_assignments
from nndl.demo import prepare_course
from nndl.pipeline.autograde import read_submission
from nndl.pipeline.bundle import make_bundle
from nndl.pipeline.preflight import preflight
from nndl.pipeline.worker import grade_submission
from nndl.simulate import filled_notebook, submit

WARM_UP = 2


def own_cpu():
    times = os.times()
    return times.user + times.system


def measure(root, assignment, count):
    students = [f"s{k}" for k in range(WARM_UP + count)]
    for student in students:
        submit(root, student, assignment, filled_notebook(root, assignment))
    checked = preflight(root, [assignment])
    bundle = make_bundle(root, assignment, checked.cache_keys[assignment])
    submissions = [read_submission(root, s, assignment, [assignment])[0] for s in students]
    for submission in submissions[:WARM_UP]:
        grade_submission(bundle, submission)
    start = own_cpu()
    graded = [grade_submission(bundle, s) for s in submissions[WARM_UP:]]
    worker = (own_cpu() - start) / count
    total = sum(g.cpu_seconds for g in graded) / count  # the worker, its children and the jails' control groups
    assert all(g.graded and not g.problems for g in graded), [g.problems for g in graded]
    return worker, total - worker, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("assignments", nargs="*")
    parser.add_argument("--submissions", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = prepare_course(Path(tmp) / "course")
        names = args.assignments or all_assignments(root)
        print(f"CPU seconds per submitted notebook ({args.submissions} correct submissions each, feedback included)")
        print(f"{'assignment':24s} {'worker':>7s} {'jail':>7s} {'total':>7s}")
        totals = []
        for assignment in names:
            worker, jail, total = measure(root, assignment, args.submissions)
            totals.append(total)
            print(f"{assignment:24s} {worker:7.2f} {jail:7.2f} {total:7.2f}", flush=True)
        print(f"{'mean':24s} {'':7s} {'':7s} {sum(totals) / len(totals):7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
