"""The instructor's files for one notebook, read once and checked before anything of them is executed.

Grading executes instructor code: the hidden regions (in the grader) and the reference
solution (in its own jail).  Both come from ``source/<assignment>/`` only, never from a
submission, and are checked first:

* every test cell and locked cell of the ``source/`` notebook must be, byte for byte and
  by checksum, what ``nbgrader generate_assignment`` recorded in the gradebook when the
  assignment was released (nbgrader stores both);
* the whole release (the notebook, the files beside it, the data files) is hashed
  (:func:`digest_of`); the hash keys the reference cache, and ``nndl grade`` pins it for the
  life of a grading run: its preflight records each release's digest and, if the files change
  while the class is being graded, grading stops with a :class:`CourseFault`
  (:class:`nndl.pipeline.autograde.ReleaseWatch`).

A fault of the course itself (a missing or edited ``source/`` notebook, a gradebook that
does not match it, a reference that fails) raises :class:`CourseFault`, whose message names
the file and the fix; nothing is graded against it.
"""
import hashlib
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import compute_checksum, is_grade, is_locked, is_solution

from nndl.grading.specs import BEGIN, END, read_specs

SKIP_TAG = "skip-in-grading"


class CourseFault(RuntimeError):
    """The course's own files are wrong: grading must stop rather than record wrong grades."""


@dataclass
class Release:
    """One notebook's instructor side: the parsed source notebook, its hidden specs, its digest."""

    assignment: str
    notebook: str
    folder: Path
    nb: object
    specs: dict  # grade id -> list of Spec
    digest: str
    skip_ids: set


def nbgrader_meta(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_test_cell(cell):
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution", False)


def public_part(source):
    """A test cell's source without its hidden region (what students see)."""
    while BEGIN in source:
        start = source.index(BEGIN)
        end = source.find(END, start)
        source = source[:start] + (source[end + len(END):] if end >= 0 else "")
    return source


def source_folder(config, assignment):
    coursedir = CourseDirectory(config=config)
    return Path(coursedir.format_path(coursedir.source_directory, ".", assignment))


def digest_of(folder, notebook, data_dir=None):
    """sha256 of the notebook, every other file of its source folder, and the data files."""
    h = hashlib.sha256()
    files = [folder / f"{notebook}.ipynb"] + sorted(p for p in folder.rglob("*") if p.is_file()
                                                   and p.suffix != ".ipynb" and "__pycache__" not in p.parts)
    if data_dir and Path(data_dir).is_dir():
        files += sorted(p for p in Path(data_dir).iterdir() if p.is_file())
    for path in files:
        h.update(str(path.name).encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


_frozen = None  # (assignment, notebook, folder, db_url, data dir) -> Release, once freeze_releases() is called


def freeze_releases():
    """Read each release once in this process from now on: for a grading worker, whose private course
    folder (unpacked from an instructor bundle, :mod:`nndl.pipeline.bundle`) never changes."""
    global _frozen
    if _frozen is None:
        _frozen = {}


def load_release(config, assignment, notebook, db_url, data_dir=None):
    """Read, check and pin the release of ``assignment/notebook``; raises :class:`CourseFault`."""
    folder = source_folder(config, assignment)
    key = (assignment, notebook, str(folder), db_url, str(data_dir))
    if _frozen is not None and key in _frozen:
        return _frozen[key]
    release = _load_release(folder, assignment, notebook, db_url, data_dir)
    if _frozen is not None:
        _frozen[key] = release
    return release


def _load_release(folder, assignment, notebook, db_url, data_dir):
    path = folder / f"{notebook}.ipynb"
    if not path.is_file():
        raise CourseFault(f"{path} is missing: the instructor's notebook is needed to grade {assignment}. "
                          f"Restore it (git checkout source/{assignment}) or rebuild it with `nndl build {assignment}`.")
    digest = digest_of(folder, notebook, data_dir)
    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
    except Exception as error:  # noqa: BLE001 - any unreadable notebook is a course fault
        raise CourseFault(f"{path} cannot be read ({type(error).__name__}: {error}); rebuild it with "
                          f"`nndl build {assignment}`.") from error
    _check_against_gradebook(nb, path, assignment, notebook, db_url)
    specs = {}
    for cell in nb.cells:
        if is_test_cell(cell):
            grade_id = nbgrader_meta(cell)["grade_id"]
            try:
                specs[grade_id] = read_specs(grade_id, cell.source)
            except Exception as error:  # noqa: BLE001
                raise CourseFault(f"the hidden tests of {grade_id} in {path} fail to load: "
                                  f"{type(error).__name__}: {error}") from error
    skip = {c.get("id") for c in nb.cells if SKIP_TAG in c.get("metadata", {}).get("tags", [])}
    return Release(assignment, notebook, folder, nb, specs, digest, skip)


def _check_against_gradebook(nb, path, assignment, notebook, db_url):
    """Every test and locked cell of the source notebook is what the gradebook recorded at release."""
    fix = (f"If you changed source/{assignment} on purpose, release it again (`nndl build {assignment}` or "
           f"`nbgrader generate_assignment {assignment} --force`) and regrade; otherwise restore it.")
    with Gradebook(db_url) as gb:
        try:
            recorded = {c.name: c for c in gb.find_notebook(notebook, assignment).source_cells}
        except MissingEntry as error:
            raise CourseFault(f"the gradebook has no release of {assignment}/{notebook}. Release it first "
                              f"(`nndl build {assignment}` or `nbgrader generate_assignment {assignment}`).") from error
        checked = set()
        for cell in nb.cells:
            meta = nbgrader_meta(cell)
            if not meta or is_solution(cell) or not (is_grade(cell) or is_locked(cell)):
                continue
            grade_id = meta.get("grade_id")
            stored = recorded.get(grade_id)
            if stored is None or stored.source != cell.source or stored.checksum != compute_checksum(cell):
                raise CourseFault(f"cell {grade_id!r} of {path} does not match the gradebook's record of the "
                                  f"released assignment (its text or its checksum differs). {fix}")
            checked.add(grade_id)
        missing = sorted(name for name, c in recorded.items() if name not in checked and not c.cell_type == "markdown"
                         and c.locked and not _is_solution_record(gb, name, notebook, assignment))
        if missing:
            raise CourseFault(f"the gradebook records cell(s) {', '.join(missing)} that {path} does not have. {fix}")


def _is_solution_record(gb, name, notebook, assignment):
    try:
        gb.find_solution_cell(name, notebook, assignment)
        return True
    except MissingEntry:
        return False


def probes_of(specs):
    """grade id -> the calls its hidden checks make, in order, each with its id (what a jail is asked to run)."""
    return {gid: [call for k, spec in enumerate(spec_list) for call in spec.calls(k)]
            for gid, spec_list in specs.items()}


def jail_cells(nb, skip_ids, grade_ids):
    """The cells a jail runs, in order: code cells, and each test cell (its public part) where it stands.

    A cell is skipped only if it carries one of ``skip_ids`` (the instructor's heavy demo
    cells, by the ids of the ``source/`` notebook) and is not an nbgrader cell, so a student
    cannot make a solution or test cell skip.  A repeated test cell runs as ordinary code.
    """
    cells, seen = [], set()
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = nbgrader_meta(cell)
        if is_test_cell(cell) and meta.get("grade_id") in grade_ids and meta["grade_id"] not in seen:
            seen.add(meta["grade_id"])
            cells.append({"kind": "test", "index": index, "grade_id": meta["grade_id"],
                          "source": public_part(cell.source)})
        elif cell.get("id") in skip_ids and not meta:
            continue
        else:
            cells.append({"kind": "code", "index": index, "source": public_part(cell.source)})
    return cells
