"""How grading scales: one simulated class graded three ways on this machine, in one run.

1. a local Dask cluster of 1 worker (``nndl grade --workers 1``);
2. a local Dask cluster of 2 workers (``nndl grade --workers 2``);
3. a real cluster topology on one machine: a ``dask scheduler`` program and two ``dask worker``
   programs of one process each, reached with ``--scheduler`` (what a many-machine setup runs).

The class comes from ``nndl simulate`` (its realistic mix: correct, mistakes, blank, broken, late,
missing); references and mutants are computed once beforehand (the preflight, timed apart).  Every
run regrades the same submissions, with feedback, and must give identical scores.  Printed: notebooks
per minute, CPU seconds per notebook (client, workers and jails), the start-up of each run (until its
first result is stored: workers, bundles, template jails) apart from its steady rate, the scaling
efficiency per added core both over the whole run and after start-up, and what those figures mean
for a 300-student and a 10,000-student class (start-up once, plus the steady rate per notebook).

Usage: ``python benchmarks/grading_scale.py [--students 20]``; with ``--once``, the class is graded
only once, the way ``nndl grade`` does by default, and its time printed (a whole 300-student class).

With ``--insight [--assignment A]``, the cost of the class insight (:mod:`nndl.pipeline.insight`:
misconceptions, item analysis, the run's history record, the regrade comparison and index.html) is
measured against grading: the ``--students`` class (40, say) is graded once, the way ``nndl grade``
does, then its outcomes and grades are replicated into a class of ``--insight-class`` students (300),
each with a feedback folder and a history record of an earlier run, and the insight step is timed on
those; grading that class is estimated as the measured grading time scaled by the number of students.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from nbgrader.api import Gradebook

from nndl.course import assignments, gradebook_url
from nndl.demo import prepare_course
from nndl.pipeline.autograde import find_submissions, grade_class
from nndl.pipeline.certificates import Certificates, make_certificates
from nndl.pipeline.preflight import preflight
from nndl.simulate import simulate_class


def all_scores(root):
    with Gradebook(gradebook_url(root)) as gb:
        return {(s.student.id, s.assignment.name, g.name): g.score
                for a in gb.assignments for s in a.submissions for n in s.notebooks for g in n.grades}


def graded_notebooks(root):
    return sum(1 for _ in (root / "autograded").glob("*/*/*.ipynb"))


def run(root, **where):
    """Grade the whole class: (wall seconds, CPU seconds of this process, its children and the jails,
    start-up seconds until the first result was stored, steady seconds per submission after it)."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.monotonic()
    outcomes = grade_class(root, stream=open(os.devnull, "w"), **where)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = sum(o.cpu_seconds for o in outcomes)  # workers and jails, per task
    client = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    done = sorted(o.done_at for o in outcomes)
    return wall, cpu + client, done[0] - start, (done[-1] - done[0]) / (len(done) - 1)


class Topology:
    """A ``dask scheduler`` and two single-process ``dask worker`` programs on this machine, on TLS with
    certificates made as ``nndl cluster certs`` makes them (``where``: what ``grade_class`` needs to join)."""

    def __enter__(self):
        self.folder = tempfile.TemporaryDirectory()
        state = Path(self.folder.name) / "scheduler.json"
        certs = Certificates(Path(self.folder.name) / "certs")
        make_certificates(certs)

        def tls(role):
            return ["--tls-ca-file", str(certs.ca), "--tls-cert", str(certs.cert(role)), "--tls-key", str(certs.key(role))]

        python = [sys.executable, "-m"]
        self.procs = [subprocess.Popen(python + ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port",
                                                 "0", "--no-dashboard", "--scheduler-file", str(state),
                                                 "--protocol", "tls"] + tls("scheduler"),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        while not (state.exists() and state.stat().st_size):
            time.sleep(0.2)
        for _ in range(2):
            self.procs.append(subprocess.Popen(
                python + ["distributed.cli.dask_worker", "--scheduler-file", str(state), "--nthreads", "1",
                          "--nworkers", "1", "--no-dashboard"] + tls("worker"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.address = json.loads(state.read_text())["address"]
        self.where = {"scheduler": self.address, "certs": certs.folder}
        from distributed import Client

        with Client(self.address, security=certs.security()) as client:
            client.wait_for_workers(2, timeout=120)
        return self

    def __exit__(self, *exc):
        for proc in reversed(self.procs):
            proc.terminate()
            proc.wait(timeout=30)
        self.folder.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--once", action="store_true",
                        help="grade the class once, as `nndl grade` does by default (a local cluster of one "
                             "worker per core), and print its time: for a whole 300-student class")
    parser.add_argument("--insight", action="store_true",
                        help="measure what the class insight adds to grading (see the module's docstring)")
    parser.add_argument("--insight-class", type=int, default=300, help="students of the replicated class")
    parser.add_argument("--assignment", default="w2_numpy_basics",
                        help="--insight: the one assignment graded (the smallest one makes the ratio largest)")
    args = parser.parse_args()
    if args.insight:
        return insight_cost(args.students, args.insight_class, args.assignment)
    with tempfile.TemporaryDirectory() as tmp:
        root = prepare_course(Path(tmp) / "course")
        simulate_class(root, args.students, None, 0)
        start = time.perf_counter()
        preflight(root, assignments(root))
        once = time.perf_counter() - start
        if args.once:
            wall, cpu, startup, _ = run(root)
            notebooks = graded_notebooks(root)
            print(f"{args.students} simulated students, {len(find_submissions(root))} submissions, {notebooks} graded "
                  f"notebooks (feedback included), {os.cpu_count()} cores: preflight (references and mutants, once "
                  f"per release) {once:.0f} s, then grading {wall:.0f} s ({wall / 60:.1f} min, start-up {startup:.0f} s), "
                  f"{60 * notebooks / wall:.0f} notebooks/min, {cpu / notebooks:.2f} s CPU per notebook")
            return 0
        rows, scores = {}, {}
        for name, where in (("1 local worker", {"workers": 1}), ("2 local workers", {"workers": 2})):
            rows[name] = run(root, **where)
            scores[name] = all_scores(root)
        with Topology() as cluster:
            name = "scheduler + 2 worker programs"
            rows[name] = run(root, **cluster.where)
            scores[name] = all_scores(root)
        notebooks = graded_notebooks(root)
        print(f"{args.students} simulated students, {notebooks} graded notebooks (feedback included); "
              f"references and mutants beforehand, once: {once:.0f} s")
        submissions = len(find_submissions(root))
        for name, (wall, cpu, startup, steady) in rows.items():
            print(f"{name:32} {wall:7.1f} s  {60 * notebooks / wall:6.1f} notebooks/min  "
                  f"{cpu / notebooks:5.2f} s CPU per notebook  start-up {startup:4.1f} s, then "
                  f"{steady:5.2f} s per submission")
        one, two = rows["1 local worker"], rows["2 local workers"]
        cluster_two = rows["scheduler + 2 worker programs"]
        print(f"scaling efficiency per added core (whole run): local {one[0] / two[0] / 2:.2f}, "
              f"scheduler + workers {one[0] / cluster_two[0] / 2:.2f}")
        print(f"scaling efficiency per added core (after start-up): local {one[3] / two[3] / 2:.2f}, "
              f"scheduler + workers {one[3] / cluster_two[3] / 2:.2f}")
        per_notebook = two[3] * submissions / notebooks  # a simulated submission may hold fewer notebooks
        startup = two[2]
        print(f"at 2 workers: {startup:.0f} s of start-up, then {per_notebook:.2f} s per notebook: 300 students x 5 "
              f"notebooks = 1,500 notebooks take about {(startup + 1500 * per_notebook) / 60:.1f} min "
              f"(+ the preflight, once per release: {once:.0f} s); 10,000 students = 50,000 notebooks take about "
              f"{(startup + 50000 * per_notebook) / 3600:.1f} h here, or {50000 * per_notebook / 3600 / 16:.1f} h "
              f"on 16 such machines at this efficiency")
        same = all(s == scores["1 local worker"] for s in scores.values())
        print(f"scores identical in every run: {same} ({len(scores['1 local worker'])} grades)")
        return 0 if same else 1


def replicated(outcomes, grades, size):
    """``size`` students' outcomes and :class:`ClassGrades`, copies of the graded ones (``name~k``)."""
    import dataclasses

    from nndl.pipeline.report import ClassGrades

    students = sorted({o.student for o in outcomes})
    copies = [(s, f"{s}~{k}") for k in range(-(-size // len(students))) for s in students][:size]
    by_student = {}
    for o in outcomes:
        by_student.setdefault(o.student, []).append(o)
    new_outcomes = [dataclasses.replace(o, student=new) for old, new in copies for o in by_student[old]]
    pick = lambda table: {(new, a): table[(old, a)] for old, new in copies for a in grades.assignments  # noqa: E731
                          if (old, a) in table}
    questions = {}
    cells = pick(grades.cells)
    for (_, a), rows in cells.items():
        for grade_id, score, top in rows:
            questions.setdefault((a, grade_id), []).append(score / top)
    return new_outcomes, ClassGrades([new for _, new in copies], grades.assignments, pick(grades.scores), questions,
                                     grades.maxima, cells), copies


def insight_cost(students, size, assignment):
    """Grade ``students`` once; time the insight step on ``size`` replicated students; print the ratio."""
    import contextlib
    import io
    import shutil

    from nndl.pipeline.insight import history
    from nndl.pipeline.report import needs_help, read_grades, write_insight, write_png

    with tempfile.TemporaryDirectory() as tmp:
        root = prepare_course(Path(tmp) / "course")
        simulate_class(root, students, [assignment], 0)
        start = time.perf_counter()
        checked = preflight(root, [assignment])
        once = time.perf_counter() - start
        start = time.monotonic()
        outcomes = grade_class(root, stream=open(os.devnull, "w"))  # as `nndl grade` does (history included)
        wall = time.monotonic() - start
        graded = sorted({o.student for o in outcomes})
        grades = read_grades(root, graded, [assignment])
        many, many_grades, copies = replicated(outcomes, grades, size)
        for old, new in copies:  # each copy's feedback pages, as hard links (the page links to what exists)
            if (root / "feedback" / old).is_dir():
                shutil.copytree(root / "feedback" / old, root / "feedback" / new, copy_function=os.link)
        history.record(root, history.new_run_id(), checked.pins, many)  # an earlier run to compare with
        run_id = history.new_run_id()
        for o in many:
            o.run = run_id
        out = root / "reports"
        out.mkdir(exist_ok=True)
        write_png(many_grades, out / "grades.png")  # the page embeds it (the plot itself is not the insight's)
        helped = needs_help(many_grades)
        start = time.perf_counter()
        history.record(root, run_id, checked.pins, many)
        with contextlib.redirect_stdout(io.StringIO()):
            write_insight(root, out, many_grades, many, helped)
        insight = time.perf_counter() - start
        done = sorted(o.done_at for o in outcomes)
        steady = (done[-1] - done[0]) / (len(done) - 1)  # seconds per submission once started (no start-up)
        estimate = steady * size  # the conservative estimate: start-up left out, which makes the ratio larger
        page = (out / "index.html").stat().st_size
        print(f"{len(graded)} simulated students of {assignment} graded on {os.cpu_count()} cores (a shared machine): "
              f"{wall:.1f} s in all, {steady:.2f} s per submission after start-up (preflight apart, {once:.0f} s). "
              f"Insight step (history record, misconceptions, item analysis, regrade comparison, CSVs, a "
              f"{page / 1e3:.0f} kB index.html) on {size} students replicated from them ({len(many)} outcomes, an "
              f"earlier run to compare with): {insight:.3f} s. Grading {size} students at the steady rate alone: "
              f"{estimate:.0f} s; the insight adds {100 * insight / estimate:.3f} %.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
