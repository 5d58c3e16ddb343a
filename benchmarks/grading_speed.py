"""Grade the same submissions twice and compare: plain ``nbgrader autograde`` vs ``nndl grade``.

* plain: the ``nbgrader autograde <assignment>`` command an instructor types, one
  assignment after another in one process, every cell of every notebook
  executed (``--ExecuteForGrading.skip_heavy_cells=False``);
* ours: ``nndl.pipeline.autograde.grade_class``, one worker per core, heavy demo
  cells skipped.

Both score through the course's hidden checks (test cells can only be scored
that way), each in its own fresh course folder and gradebook.  The script
checks that every score is identical and prints the speed ratio, measured in
this one run.  Usage: ``python benchmarks/grading_speed.py [--students-per-assignment N]``.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

from nndl.demo import nth_mistake, prepare_course
from nndl.course import assignments
from nndl.pipeline.autograde import grade_class
from nndl.simulate import filled_notebook, submit


def simulate(root, per_assignment):
    for assignment in assignments(root):
        for k in range(per_assignment):
            mistakes = None if k == 0 else nth_mistake(assignment, k - 1)
            submit(root, f"student{k:02d}", assignment, filled_notebook(root, assignment, mistakes=mistakes))


def all_scores(root):
    with Gradebook("sqlite:///" + str(Path(root) / "gradebook.db")) as gb:
        return {(s.student.id, s.assignment.name, g.name): g.score
                for a in gb.assignments for s in a.submissions for n in s.notebooks for g in n.grades}


def plain(root):
    for assignment in assignments(root):
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--force",
                        "--ExecuteForGrading.skip_heavy_cells=False"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students-per-assignment", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roots = {}
        for name in ("plain", "ours"):
            roots[name] = prepare_course(Path(tmp) / name)
            simulate(roots[name], args.students_per_assignment)
        jobs = sum(1 for _ in (roots["ours"] / "submitted").glob("*/*"))
        start = time.perf_counter()
        plain(roots["plain"])
        plain_seconds = time.perf_counter() - start
        start = time.perf_counter()
        grade_class(roots["ours"], feedback=False)
        our_seconds = time.perf_counter() - start
        before, after = all_scores(roots["plain"]), all_scores(roots["ours"])
        same = before == after
        print(f"{jobs} submissions ({len(assignments(roots['ours']))} assignments)")
        print(f"plain nbgrader autograde, full notebooks, sequential: {plain_seconds:7.1f} s")
        print(f"nndl grade, heavy cells skipped, parallel:             {our_seconds:7.1f} s")
        print(f"speed-up: {plain_seconds / our_seconds:.2f}x   scores identical: {same} ({len(after)} grades)")
        if not same:
            diff = {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
            print("differences:", diff)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
