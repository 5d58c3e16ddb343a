"""Grade the same submissions twice and compare: plain ``nbgrader autograde`` vs ``nndl grade``.

* plain: the ``nbgrader autograde <assignment>`` command an instructor types, one
  assignment after another in one process, every cell of every notebook
  executed (``--CourseSettings.skip_heavy_cells=False``);
* ours: ``nndl.pipeline.autograde.grade_class``, one worker per core, heavy demo
  cells skipped.

Both score through the course's hidden checks (test cells can only be scored
that way), each in its own fresh course folder and gradebook.  The script
checks that every score is identical and prints the speed ratio, measured in
this one run.  Usage: ``python benchmarks/grading_speed.py [--students-per-assignment N]``.

``--before CHECKOUT`` instead measures what one submitted notebook costs to grade (wall
time and CPU time of the whole process tree, feedback included, one worker) with this
checkout's engine and with the engine of another checkout of the project (for example
``git worktree add ../before 2017b61``: the kernel + sandbox engine that ran each notebook
twice), on the same mix of students, one after the other in this one run.
"""
import json
import os
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

from nndl.demo import nth_mistake, prepare_course
from nndl.course import assignments, gradebook_url
from nndl.pipeline.autograde import grade_class
from nndl.simulate import filled_notebook, submit


def simulate(root, per_assignment):
    for assignment in assignments(root):
        for k in range(per_assignment):
            mistakes = None if k == 0 else nth_mistake(assignment, k - 1)
            submit(root, f"student{k:02d}", assignment, filled_notebook(root, assignment, mistakes=mistakes))


def all_scores(root):
    with Gradebook(gradebook_url(root)) as gb:
        return {(s.student.id, s.assignment.name, g.name): g.score
                for a in gb.assignments for s in a.submissions for n in s.notebooks for g in n.grades}


def plain(root):
    for assignment in assignments(root):
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--force",
                        "--CourseSettings.skip_heavy_cells=False"], cwd=root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


COST = """
import json, resource, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, {benchmarks!r})
from grading_speed import simulate
from nndl.demo import prepare_course
from nndl.pipeline.autograde import grade_class
with tempfile.TemporaryDirectory() as tmp:
    root = prepare_course(Path(tmp) / "course")
    simulate(root, {per})
    notebooks = sum(1 for _ in (root / "submitted").glob("*/*/*.ipynb"))
    once = 0.0
    try:  # engines with a preflight pay, once per release, for the reference (and mutant) jails
        from nndl.course import assignments
        from nndl.pipeline.preflight import preflight
        start = time.perf_counter()
        preflight(root, assignments(root))
        once = time.perf_counter() - start
    except ImportError:
        pass
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    grade_class(root, workers=1)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # jails' CPU time comes from their control groups (bwrap does not hand it up to its parent)
    jails = sum(json.loads(p.read_text()).get("jail_cpu_seconds") or 0.0
                for p in (root / "autograded").glob("*/*/*.grading.json"))
    print("RESULT " + json.dumps({{"notebooks": notebooks, "wall": wall, "once": once,
                                    "cpu": after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime + jails}}))
"""


def engine_cost(checkout, per_assignment):
    """Per-notebook wall and CPU seconds of grading a class with the engine of ``checkout``."""
    checkout = Path(checkout).resolve()
    code = COST.format(benchmarks=str(checkout / "benchmarks"), per=per_assignment)
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run([sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True,
                         check=True).stdout
    result = json.loads(next(l for l in out.splitlines() if l.startswith("RESULT "))[7:])
    return (result["notebooks"], result["wall"] / result["notebooks"], result["cpu"] / result["notebooks"],
            result["once"])


def compare_engines(before, per_assignment):
    here = Path(__file__).resolve().parent.parent
    rows = {"before": engine_cost(before, per_assignment), "now": engine_cost(here, per_assignment)}
    for name, (count, wall, cpu, once) in rows.items():
        print(f"{name:6} {count:3d} notebooks, one worker, feedback included: "
              f"{wall:5.2f} s wall and {cpu:5.2f} s CPU per notebook"
              + (f"; once per release beforehand (references, mutants): {once:.1f} s" if once else ""))
    print(f"per-notebook cost now / before: wall {rows['now'][1] / rows['before'][1]:.2f}, "
          f"CPU {rows['now'][2] / rows['before'][2]:.2f}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students-per-assignment", type=int, default=4)
    parser.add_argument("--before", help="another checkout of the project: compare per-notebook grading cost")
    args = parser.parse_args()
    if args.before:
        return compare_engines(args.before, args.students_per_assignment)
    with tempfile.TemporaryDirectory() as tmp:
        roots = {}
        for name in ("plain", "ours"):
            roots[name] = prepare_course(Path(tmp) / name)
            simulate(roots[name], args.students_per_assignment)
        jobs = sum(1 for _ in (roots["ours"] / "submitted").glob("*/*"))
        start = time.perf_counter()
        plain(roots["plain"])
        plain_seconds = time.perf_counter() - start
        from nndl.pipeline.preflight import preflight

        start = time.perf_counter()
        preflight(roots["ours"], assignments(roots["ours"]))  # once per release: references and mutants
        once = time.perf_counter() - start
        start = time.perf_counter()
        grade_class(roots["ours"], feedback=False)
        our_seconds = time.perf_counter() - start + once
        before, after = all_scores(roots["plain"]), all_scores(roots["ours"])
        same = before == after
        print(f"{jobs} submissions ({len(assignments(roots['ours']))} assignments)")
        print(f"plain nbgrader autograde, full notebooks, sequential: {plain_seconds:7.1f} s")
        print(f"nndl grade, heavy cells skipped, parallel:             {our_seconds:7.1f} s")
        print(f"  of which the preflight, once per release (references, mutants): {once:7.1f} s")
        print(f"speed-up: {plain_seconds / our_seconds:.2f}x, grading alone {plain_seconds / (our_seconds - once):.2f}x"
              f"   scores identical: {same} ({len(after)} grades)")
        if not same:
            diff = {k: (before.get(k), after.get(k)) for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
            print("differences:", diff)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
