"""GradeInJail: the nbgrader step that runs a submission once, in a jail, and scores its test cells.

It replaces nbgrader's Execute step (see ``grader_config.py``), so plain
``nbgrader autograde``, the formgrader's button and ``nndl grade`` all grade this way:

1. the instructor's release is read and checked (:mod:`nndl.grading.release`): hidden specs
   come from ``source/`` only, after checking it against the gradebook;
2. the reference solution's results on the hidden inputs come from its own jail, cached by
   content hash (:mod:`nndl.grading.reference`);
3. the submission runs **once**, in a jail (:mod:`nndl.jail`): a real IPython shell runs its
   cells (heavy demo cells tagged ``skip-in-grading`` in ``source/`` are left out), records
   their outputs for the autograded notebook and the feedback, then calls the graded
   functions on the hidden inputs;
4. the results are judged here, in the grader (:mod:`nndl.grading.verdicts`); each test cell's
   outputs become its verdict and its score, which nbgrader stores as partial credit.

Nothing the student wrote runs outside the jail, and nothing of the course folder, the
reference or the hidden specs is inside it.
"""
import json
import os
from pathlib import Path

from nbformat import NotebookNode, from_dict
from nbformat.v4 import new_markdown_cell, new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from nndl.course_settings import CourseSettings
from nndl.grade_ids import grading_cell_of
from nndl.grading.verdicts import ReferenceFailure, Verdict, judge_cell
from nndl.grading.shipped_solutions import is_shipped_solution, shipped_solutions
from nndl.grading.mutants import Results, expected_results
from nndl.grading.problems import CourseFaultRecord, Problem
from nndl.grading.release import CourseFault, Release, is_test_cell, jail_cells, load_release, nbgrader_meta, probes_of
from nndl.grading.sanitize import clean_cells
from nndl.jail import bwrap
from nndl.jail.bwrap import JailUnavailable
from nndl.jail.call_result import CallResult
from nndl.jail.run import JailRun, run_notebook
from nndl.mistakes import Mistake
from nndl.student_files.nndl_checks import Check

UNISOLATED_NOTE = ("**Graded WITHOUT isolation.** This notebook's code ran outside the grader's jail "
                   "(`--unisolated`), so the grade is only as trustworthy as the code that was run.")


def record_problem(resources: dict, text: str, kind: str = "submission") -> None:
    """Note, in plain words, something that went wrong with this notebook (for the class report)."""
    notebook = resources.get("nbgrader", {}).get("notebook", "")
    resources.setdefault("nndl_problems", []).append(Problem(text, notebook, kind))


def leave_out_shipped_solutions(folder: str | Path, root: str | Path, assignment: str, resources: dict) -> None:
    """Delete from the graded folder any handed-in file that is the course's own module of this assignment's
    reference solutions, before the jail sees it. ``nndl grade`` never takes such a file in (see
    :mod:`nndl.grading.shipped_solutions`); this covers the plain ``nbgrader autograde`` command too."""
    course = shipped_solutions(Path(root), assignment)
    if not course.modules:
        return
    for path in sorted(Path(folder).iterdir()):
        if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb":
            reason = is_shipped_solution(path.name, path.read_bytes(), course)
            if reason:
                path.unlink()
                record_problem(resources, reason)


class GradeInJail(NbGraderPreprocessor):
    """Run the submission once in a jail and score every autograded test cell, as the course's settings
    (:class:`nndl.course_settings.CourseSettings`) say."""

    report_dir = Unicode("", help="Where <student>/<assignment>/<notebook>.grading.json goes (see "
                                  "nndl.grading.problems); default: next to the autograded notebook. Set it "
                                  "to keep the report of a course fault, whose output folder nbgrader deletes."
                         ).tag(config=True)

    @property
    def settings(self) -> CourseSettings:
        """The course's grading settings (``c.CourseSettings`` of grader_config.py)."""
        return CourseSettings.of(self.config)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        try:
            return self._grade(nb, resources)
        except (CourseFault, JailUnavailable) as fault:
            _write_json(self._report_path(resources), CourseFaultRecord(str(fault)).to_dict())
            raise

    def _report_path(self, resources: dict) -> str | None:
        info = resources["nbgrader"]
        if self.report_dir:
            folder = os.path.join(self.report_dir, info.get("student", ""), info["assignment"])
        else:
            folder = resources.get("metadata", {}).get("path")
        return os.path.join(folder, f"{info['notebook']}.grading.json") if folder else None

    def _grade(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        folder = resources.get("metadata", {}).get("path") or os.getcwd()
        coursedir = CourseDirectory(config=self.config)
        settings = self.settings
        data_dir = settings.data_folder(coursedir.root)
        release = load_release(self.config, info["assignment"], info["notebook"], info["db_url"], data_dir)
        isolated = settings.isolated()
        if isolated:
            reason = bwrap.availability()
            if reason:
                raise JailUnavailable(reason + " To grade anyway, without isolation: `nndl grade --unisolated`.")
        options = settings.run_options(isolated, data_dir)
        reference, mutants = expected_results(release, settings, coursedir.root, options)
        skip = release.skip_ids if settings.skip_heavy_cells else set()
        leave_out_shipped_solutions(folder, coursedir.root, info["assignment"], resources)
        run = run_notebook(jail_cells(nb, skip, list(release.specs)), probes_of(release.specs), folder, **options)
        self._place_outputs(nb, resources, run, skip)
        verdicts = self._judge(nb, release, reference, run, mutants)
        names = {m.diagnosis: m.name or m.grade_id for m, _ in reversed(mutants)}  # the first of a shared diagnosis
        if clean_cells(nb):
            record_problem(resources, "markdown with HTML that could run script (a script tag, an event handler), "
                                      "or an attachment that is not an image, was neutralised before the notebook "
                                      "was shown to anyone")
        if not isolated:
            nb.cells.insert(0, new_markdown_cell(UNISOLATED_NOTE))
            record_problem(resources, "graded WITHOUT isolation (--unisolated)", kind="grader")
        _write_json(self._report_path(resources), _report(resources, verdicts, run, names))
        return nb, resources

    def _place_outputs(self, nb: NotebookNode, resources: dict, run: JailRun, skip: set[str]) -> None:
        dropped = {item.get("cell") for item in run.dropped}
        for item in run.dropped:
            where = f"code cell {item['cell']}" if "cell" in item else f"the graded calls of {item['probe']}"
            record_problem(resources, f"{where} stopped the Python process running the notebook (as a kernel dies: "
                                      "a crash, os.kill or out of memory); it was left out and the rest run again")
        for problem in run.problems:
            record_problem(resources, problem)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            done = run.cells.get(index)
            if done is not None:
                cell.outputs = [from_dict(o) for o in done.outputs]
                cell.execution_count = done.execution_count
                if done.timed_out:
                    limit = self.settings.cell_timeout
                    record_problem(resources, f"cell {index} ran past the {limit} s time limit and "
                                              "was stopped (an endless loop?)")
                if done.exit_called:
                    record_problem(resources, f"cell {index} called os._exit; that cell was stopped there and the "
                                              "rest of the notebook ran")
            elif index in dropped:
                cell.outputs = [new_output("error", ename="DeadKernelError", evalue="the kernel died in this cell",
                                           traceback=["This cell stopped the Python process running the notebook "
                                                      "(as a kernel dies); the notebook was run again without it."])]
                cell.execution_count = None
            elif cell.get("id") in skip and not nbgrader_meta(cell):
                cell.outputs, cell.execution_count = [], None
            else:
                cell.outputs = [new_output("stream", name="stdout", text="(not run: the notebook was stopped "
                                                                          "before this cell)\n")]
                cell.execution_count = None

    def _judge(self, nb: NotebookNode, release: Release, reference: Results, run: JailRun,
               mutants: list[tuple[Mistake, Results]]) -> list[Verdict]:
        problem = "; ".join(run.problems)
        # the notebook's code as handed in (hidden regions already removed): a "raised at" line must be one of its lines
        own_code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
        verdicts = []
        for cell in nb.cells:
            if not is_test_cell(cell):
                continue
            grade_id = nbgrader_meta(cell)["grade_id"]
            if grade_id not in release.specs:
                continue
            points = float(nbgrader_meta(cell).get("points", 0))
            try:
                # when mistakes of several functions give the same result, the one of this cell's function
                # is the likelier explanation: its mutants come first
                own_first = sorted(mutants, key=lambda mutant: grading_cell_of(mutant[0].grade_id) != grade_id)
                explain = [(m.diagnosis, results[grade_id]) for m, results in own_first if grade_id in results]
                verdict = judge_cell(grade_id, release.specs[grade_id], points, run.results.get(grade_id),
                                     reference[grade_id], problem, explain, own_code)
            except ReferenceFailure as error:
                raise CourseFault(str(error)) from error
            except Exception as error:  # noqa: BLE001 - odd student output must not stop the class
                self.log.warning("%s %s could not be judged: %r", release.notebook, grade_id, error)
                verdict = Verdict(grade_id, (Check(grade_id, "case", False,
                                                   "the results of this test could not be judged (unusual values)"),),
                                  points, problem)
            verdicts.append(verdict)
            self.log.info("%s %s: %s of %s checks", release.notebook, grade_id, verdict.passed, len(verdict.checks))
            cell.outputs = [
                new_output("stream", name="stdout", text=verdict.text()),
                new_output("execute_result", data={"text/plain": repr(verdict.score)}, execution_count=None),
            ]
        return verdicts


MAX_MESSAGE = 300  # characters of a test cell's first failure message kept for the class report


def _report(resources: dict, verdicts: list[Verdict], run: JailRun, names: dict[str, str] | None = None) -> dict:
    """Problems and per-test results of this notebook, for the class report (format: :mod:`nndl.grading.problems`).

    Each test cell also says which catalogued mistakes explained its failed checks (``names``: diagnosis ->
    mistake name), its first failure message as the student reads it, and whether a graded call of it ran
    out of time or got no result at all (the process running the notebook died): the class insight's data."""
    names = names or {}
    tests = {}
    for v in verdicts:
        failed = [c for c in v.checks if not c.passed]
        tests[v.grade_id] = {"passed": v.passed, "checks": len(v.checks), "score": v.score, "points": v.points,
                             "mistakes": list(dict.fromkeys(names[c.diagnosis] for c in failed
                                                            if c.diagnosis in names)),
                             "message": failed[0].message[:MAX_MESSAGE] if failed else "",
                             "fault": _fault(run.results.get(v.grade_id), v)}
    return {"isolated": run.isolated, "contained": run.contained, "seconds": round(run.seconds, 3),
            "jail_cpu_seconds": run.cpu_seconds,
            "problems": [p.to_dict() for p in resources.get("nndl_problems", [])],
            "tests": tests}


def _fault(results: dict[str, CallResult] | None, verdict: Verdict) -> str:
    """"timeout" when a graded call of the cell ran past its limit, "crash" when calls got no result (the
    notebook's process died or was stopped first), else ""."""
    if verdict.passed == len(verdict.checks):
        return ""
    values = list((results or {}).values())
    if any(r is not None and "ran for more than" in r.error for r in values):
        return "timeout"
    if not values or any(r is None for r in values):
        return "crash"
    return ""


def _write_json(path: str | None, data: dict) -> None:
    if not path:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=1)
