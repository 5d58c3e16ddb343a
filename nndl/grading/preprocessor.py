"""HiddenChecks: the nbgrader preprocessor that scores test cells outside the kernel.

It runs after nbgrader's Execute step.  For the notebook being graded it

1. reads the hidden specs from the instructor's ``source/`` notebook (the
   same text nbgrader stored in the gradebook), never from the submission;
2. runs the reference solution (the ``source/`` notebook's code) in one
   sandbox process and the submission's code in another, each calling the
   graded functions on the same hidden inputs where the test cell stands;
3. compares the two sets of results here, in the grader process, and
   replaces each test cell's outputs with the verdict text and the score
   (as a plain number nbgrader reads as partial credit).

Whatever the student's code patches (``np.allclose``, the check helpers,
IPython hooks) lives and dies in its own process and never touches the
comparison; the reference and the hidden specs never enter that process.
"""
import json
import os

import nbformat
from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer

from nndl.grading.judge import ReferenceFailure, Verdict, judge_cell
from nndl.student_files.nndl_checks import Check
from nndl.grading.runner import run_sandbox
from nndl.grading.specs import read_specs

SKIP_TAG = "skip-in-grading"

_reference_cache = {}


def nbgrader_meta(cell):
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def is_test_cell(cell):
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and meta.get("grade", False) and not meta.get("solution", False)


def skipped_cell_ids(source_nb):
    """Ids of the cells the instructor marked as too heavy to run while grading."""
    return {c.get("id") for c in source_nb.cells if SKIP_TAG in c.get("metadata", {}).get("tags", [])}


def sandbox_cells(nb, skip_ids, grade_ids):
    """The cells a sandbox runs: code cells in order, with a probe in place of each test cell.

    A cell is skipped only if it carries one of ``skip_ids`` and is not an
    nbgrader cell, so a student cannot skip a solution or test cell.  Probes
    for test cells missing from ``nb`` go at the end.
    """
    cells, seen = [], set()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        if is_test_cell(cell):
            if meta.get("grade_id") in grade_ids and meta["grade_id"] not in seen:
                cells.append({"kind": "probe", "grade_id": meta["grade_id"]})
                seen.add(meta["grade_id"])
            continue
        if cell.get("id") in skip_ids and not meta:
            continue
        cells.append({"kind": "code", "index": index, "source": cell.source})
    cells += [{"kind": "probe", "grade_id": g} for g in grade_ids if g not in seen]
    return cells


def source_notebook(config, resources):
    """The instructor's source/ notebook for the notebook being graded."""
    return nbformat.read(source_path(config, resources), as_version=4)


def source_path(config, resources):
    coursedir = CourseDirectory(config=config)
    assignment = resources["nbgrader"]["assignment"]
    folder = coursedir.format_path(coursedir.source_directory, ".", assignment)
    return os.path.join(folder, f"{resources['nbgrader']['notebook']}.ipynb")


def record_problem(resources, text):
    """Note, in plain words, something that went wrong with this submission (see grading_report)."""
    resources.setdefault("nndl_problems", []).append(text)


def write_grading_report(resources, verdicts):
    """Save problems and per-test results next to the autograded notebook, for the class report."""
    folder = resources.get("metadata", {}).get("path")
    if not folder:
        return
    report = {"problems": resources.get("nndl_problems", []),
              "tests": {v.grade_id: {"passed": v.passed, "checks": len(v.checks), "score": v.score,
                                     "points": v.points} for v in verdicts}}
    with open(os.path.join(folder, f"{resources['nbgrader']['notebook']}.grading.json"), "w") as f:
        json.dump(report, f, indent=1)


def load_specs(source_nb):
    """grade id -> list of Spec, from the hidden regions of the source test cells."""
    return {nbgrader_meta(c)["grade_id"]: read_specs(nbgrader_meta(c)["grade_id"], c.source)
            for c in source_nb.cells if is_test_cell(c)}


def probes_for(specs):
    return {gid: [call for spec in spec_list for call in spec.calls()] for gid, spec_list in specs.items()}


def reference_results(source_path, source_nb, specs, timeout):
    """Run the reference once per source version (cached for the life of the process)."""
    stat = os.stat(source_path)
    key = (source_path, stat.st_mtime_ns, stat.st_size)
    if key not in _reference_cache:
        cells = sandbox_cells(source_nb, skipped_cell_ids(source_nb), list(specs))
        run = run_sandbox(cells, probes_for(specs), os.path.dirname(source_path), timeout)
        if run.problem or run.cell_errors:
            raise RuntimeError(f"the reference solution in {source_path} does not run cleanly: "
                               f"{run.problem or run.cell_errors}")
        _reference_cache[key] = run
    return _reference_cache[key]


class HiddenChecks(NbGraderPreprocessor):
    """Score every autograded test cell by running the hidden checks outside the kernel."""

    timeout = Float(300, help="Seconds one sandbox run of a notebook may take.").tag(config=True)
    cell_timeout = Integer(60, help="Seconds one code cell may take in the sandbox.").tag(config=True)
    call_timeout = Integer(60, help="Seconds one call of a graded function may take.").tag(config=True)

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        notebook = resources["nbgrader"]["notebook"]
        path = source_path(self.config, resources)
        source_nb = nbformat.read(path, as_version=4)
        specs = load_specs(source_nb)
        reference = reference_results(path, source_nb, specs, self.timeout)
        cwd = resources.get("metadata", {}).get("path") or os.getcwd()
        student = run_sandbox(sandbox_cells(nb, skipped_cell_ids(source_nb), list(specs)),
                              probes_for(specs), cwd, self.timeout, self.cell_timeout, self.call_timeout)
        if student.problem:
            record_problem(resources, student.problem)
        verdicts = []
        for cell in nb.cells:
            if not is_test_cell(cell):
                continue
            grade_id = nbgrader_meta(cell)["grade_id"]
            if grade_id not in specs:
                continue
            points = float(nbgrader_meta(cell).get("points", 0))
            try:
                verdict = judge_cell(grade_id, specs[grade_id], points,
                                     student.results.get(grade_id), reference.results[grade_id], student.problem)
            except ReferenceFailure:
                raise  # the instructor's reference is broken: stop loudly
            except Exception as error:  # noqa: BLE001 - odd student output must not stop the class
                self.log.warning("%s/%s %s could not be judged: %r", assignment, notebook, grade_id, error)
                verdict = Verdict(grade_id, [Check(grade_id, "case", False,
                                                   "the results of this test could not be judged (unusual values)")],
                                  points, student.problem)
            verdicts.append(verdict)
            self.log.info("%s/%s %s: %s of %s checks", assignment, notebook, grade_id,
                          verdict.passed, len(verdict.checks))
            cell.outputs = [
                new_output("stream", name="stdout", text=verdict.text()),
                new_output("execute_result", data={"text/plain": repr(verdict.score)}, execution_count=None),
            ]
        write_grading_report(resources, verdicts)
        return nb, resources
