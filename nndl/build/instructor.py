"""Instructors run their own ``source/`` notebooks top to bottom.

The hidden-test regions of the test cells call ``grade``, ``case``, ``grade_value`` and use
``rng``, ``judges``, ``Check``, ``rel_error``: names the grader provides when it reads them
(:func:`nndl.grading.specs.read_specs`), undefined in a kernel.  So ``nndl build`` puts one
instructor-only cell into every ``source/`` notebook, right after its setup cell::

    from nndl.build.instructor import grade, case, grade_value, rng, judges, Check, rel_error

Here ``grade`` and ``grade_value`` build the same specs as the grader does (so a misspelt
option fails where the instructor sees it) and do nothing else; ``rng`` is a seeded generator.

The cell never reaches students and never runs while grading:

* it is tagged ``nndl-instructor-only``, and :class:`DropInstructorCells`, first of
  ``nbgrader generate_assignment``'s preprocessors (see ``grader_config.py``), leaves it out
  of ``release/``;
* it is also tagged ``skip-in-grading`` and has no nbgrader metadata, so neither the
  reference run nor a submission's run executes it, and the gradebook does not record it.

Nothing is shipped in ``source/<assignment>/`` for it (nbgrader copies those files into every
graded folder): the names come from the installed ``nndl`` package, which the hidden regions
already import from.
"""
import numpy as np
from nbformat.v4 import new_code_cell
from nbgrader.preprocessors import NbGraderPreprocessor

from nndl.grading import judges  # noqa: F401  (a name the hidden regions use)
from nndl.grading.specs import Case, Spec, case  # noqa: F401
from nndl.student_files.nndl_checks import Check, rel_error  # noqa: F401

INSTRUCTOR_TAG = "nndl-instructor-only"
CELL_ID = "instructor-only"
NAMES = ("grade", "case", "grade_value", "rng", "judges", "Check", "rel_error")

CELL_SOURCE = f"""\
# Instructors only: this cell is not in the students' notebook (nbgrader generate_assignment
# leaves it out) and never runs while grading. It defines the names the hidden tests use, as
# no-ops, so that this source notebook runs top to bottom (`nbgrader validate`, Run All).
from nndl.build.instructor import {", ".join(NAMES)}  # noqa: F401"""

rng = np.random.default_rng(0)


def grade(target, *cases, **options):
    """What the grader's ``grade`` does to its arguments (build a spec), without grading."""
    Spec(target, list(cases), **options)


def grade_value(target, **options):
    Spec(target, [Case(f"the variable {target}")], kind="value", **options)


def instructor_cell():
    cell = new_code_cell(CELL_SOURCE)
    cell.id = CELL_ID
    cell.metadata["tags"] = [INSTRUCTOR_TAG, "skip-in-grading"]
    return cell


def add_instructor_cell(nb):
    """Put the instructor-only cell after the setup cell (else before the first code cell); in place."""
    if any(c.get("id") == CELL_ID for c in nb.cells):
        return nb
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
    if "setup" in ids:
        at = ids.index("setup") + 1
    else:
        at = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    nb.cells.insert(at, instructor_cell())
    return nb


def is_instructor_only(cell):
    return INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", [])


class DropInstructorCells(NbGraderPreprocessor):
    """nbgrader preprocessor: leave the instructor-only cells out of what it writes (the release)."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not is_instructor_only(c)]
        return nb, resources
