"""RestoreCellMetadata: the first sanitize step, so that a notebook saved by another editor is graded on its content.

Some editors (VS Code, Colab, a jupytext round trip) drop nbgrader's cell
metadata and give cells new ids.  nbgrader then finds no solution or test
cells, fails to put the test cells back, and the student scores zero for
work that is all there.  A careful human would find each cell by what it
holds; so does this step, for the cells of the release whose grade id the
submission no longer carries:

* a test cell, or another locked cell, by its text (as released: the hidden
  region is not in the student's copy), ignoring blank lines and trailing
  spaces; the cell gets the gradebook's source back, hidden region included;
* a solution cell by the functions (and classes) it defines: the cell
  defining ``sigmoid`` is the solution cell of ``sigmoid``.  When several
  cells define them, the last one before its test cell is taken (the one a
  run from top to bottom would test) and the match is flagged for review;
* a solution cell that defines no function (``m_train = ...``: the release
  shows only the stub) by where it stands: of the cells between those found
  before and after it, the one sharing most lines with the release (on a
  tie, the nearest its test, flagged for review).

Only cells without any nbgrader metadata are matched, and each gets the
gradebook's metadata (grade id, points, locked), never anything from the
submission; so nothing here can add points or tests.  A cell carrying a
tampered grade id is left to :class:`nndl.grading.repair.RepairTestCells`,
the next step, as before.
"""
import ast
from dataclasses import dataclass, field

from IPython.core.inputtransformer2 import TransformerManager
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from nndl.grading.release import nbgrader_meta, public_part


@dataclass(frozen=True)
class ReleasedCell:
    """One cell of the release as the gradebook records it."""

    name: str
    cell_type: str
    source: str
    locked: bool
    checksum: str
    points: float = None  # a test cell's points; None for other cells
    solution: bool = False
    task: bool = False


@dataclass
class Matches:
    """Which submitted cell (by index) is which released cell, and what a person should look at."""

    cells: dict = field(default_factory=dict)  # index in the submission -> ReleasedCell
    unsure: list = field(default_factory=list)  # plain words, one per ambiguous match
    missing: list = field(default_factory=list)  # grade ids nbgrader lacked and no cell matched


def released_cells(db_url, assignment, notebook):
    """The release's nbgrader cells of ``notebook``, in the order of the notebook."""
    with Gradebook(db_url) as gb:
        nb = gb.find_notebook(notebook, assignment)
        points = {c.name: c.max_score for c in nb.grade_cells}
        solutions = {c.name for c in nb.solution_cells}
        tasks = {c.name for c in nb.task_cells}
        return [ReleasedCell(c.name, c.cell_type, c.source, bool(c.locked), c.checksum, points.get(c.name),
                             c.name in solutions, c.name in tasks) for c in nb.source_cells]


def match_cells(cells, released):
    """Find, among ``cells`` (a submission's, nbformat dicts) without nbgrader metadata, the released cells
    whose grade id no cell carries any more: locked cells by text, then solution cells by the names they
    define, then the solution cells left (those whose release shows no name) by where they stand."""
    found = Matches()
    present = {nbgrader_meta(c).get("grade_id") for c in cells if "nbgrader" in c.get("metadata", {})}
    lost = [r for r in released if r.name not in present]
    if not lost:
        return found
    free = [i for i, c in enumerate(cells) if "nbgrader" not in c.get("metadata", {})]
    where = {nbgrader_meta(c).get("grade_id"): i for i, c in enumerate(cells) if i not in free}

    def take(r, pick, candidates, why):
        if len(candidates) > 1:
            found.unsure.append(why)
        found.cells[pick], where[r.name] = r, pick

    def unmatched(kind):
        return [i for i in free if i not in found.cells and cells[i].get("cell_type") == kind]

    after = -1
    for r in (r for r in lost if not r.solution):
        texts = {_text(r.source), _text(public_part(r.source))}
        candidates = [i for i in unmatched(r.cell_type) if _text(_source(cells[i])) in texts]
        if candidates:
            pick = ([i for i in candidates if i > after] or candidates)[0]
            take(r, pick, candidates, f"{len(candidates)} cells held the text of {r.name}; cell {pick} was taken")
            after = pick
    order = [r.name for r in released]
    names_of = {r.name: _defined(r.source) for r in lost if r.solution and r.cell_type == "code"}
    for r in (r for r in lost if names_of.get(r.name)):
        names = names_of[r.name]
        candidates = [i for i in unmatched("code") if names & _defined(_source(cells[i]))]
        if candidates:
            tested_at = _next_test(r, released, order, where, len(cells))
            pick = ([i for i in candidates if i < tested_at] or candidates[-1:])[-1]
            take(r, pick, candidates, f"{len(candidates)} cells define {', '.join(sorted(names))}; the last one "
                                      f"before its test (cell {pick}) was graded as the solution")
    # by place only a cell with no name to go by: a function no cell defines was not written, not moved
    for r in (r for r in lost if r.solution and not names_of.get(r.name)):
        low, high = _neighbours(r, released, order, where, len(cells))
        candidates = [i for i in unmatched(r.cell_type) if low < i < high]
        if candidates:
            lines = set(_text(r.source).splitlines())
            shared = {i: len(lines & set(_text(_source(cells[i])).splitlines())) for i in candidates}
            likeliest = [i for i in candidates if shared[i] == max(shared.values())]
            take(r, likeliest[-1], likeliest, f"{len(likeliest)} cells stand where {r.name} stood and look alike; "
                                              f"cell {likeliest[-1]}, the nearest its test, was graded as the solution")
    found.missing = [r.name for r in lost if r.name not in where]
    return found


def restore(cells, matches):
    """Give each matched cell the gradebook's nbgrader metadata (and a locked cell its recorded source)."""
    for index, r in matches.cells.items():
        cell = cells[index]
        meta = {"cell_type": r.cell_type, "checksum": r.checksum, "grade": r.points is not None, "grade_id": r.name,
                "locked": r.locked, "schema_version": 3, "solution": r.solution}
        if r.points is not None:
            meta["points"] = r.points
        if r.task:
            meta["task"] = True
        cell.setdefault("metadata", {})["nbgrader"] = meta
        if r.locked:
            cell["source"] = r.source


def note(matches):
    """What was repaired, in plain words for the report; "" when nothing was."""
    if not matches.cells:
        return ""
    text = (f"nbgrader's cell metadata was missing (the notebook was saved by another editor?); "
            f"{len(matches.cells)} cells were matched to the release by their content")
    if matches.unsure:
        text += "; please review: " + "; ".join(matches.unsure)
    return text


class RestoreCellMetadata(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        matches = match_cells(nb.cells, released_cells(info["db_url"], info["assignment"], info["notebook"]))
        if matches.cells:
            self.log.warning("%s", note(matches))
            restore(nb.cells, matches)
        return nb, resources


def _source(cell):
    """A cell's source as one string (a notebook file may store it as a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _text(source):
    """A cell's text as compared: without blank lines or trailing spaces (editors change those)."""
    return "\n".join(line.rstrip() for line in source.splitlines() if line.strip())


def _defined(source):
    """Names of the functions and classes a cell defines at its top level; none if it is not Python
    (IPython's own syntax, ``%magic`` and ``!command``, is).  Whatever a student wrote, this never raises:
    Python's parser gives up on some code (too deeply nested: MemoryError) and that cell defines nothing."""
    try:
        tree = ast.parse(TransformerManager().transform_cell(source))
    except Exception:  # noqa: BLE001 - a SyntaxError, or the parser giving up: either way, not a definition
        return set()
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def _neighbours(cell, released, order, where, end):
    """Where in the submission the nearest released cells before and after ``cell`` stand (-1 and ``end``
    when there are none)."""
    at = order.index(cell.name)
    before = [where[r.name] for r in released[:at] if r.name in where]
    after = [where[r.name] for r in released[at + 1:] if r.name in where]
    return (before[-1] if before else -1), (after[0] if after else end)


def _next_test(cell, released, order, where, end):
    """Where in the submission the first test cell after ``cell`` (in the release's order) stands, or ``end``."""
    for r in released[order.index(cell.name) + 1:]:
        if r.points is not None and not r.solution and r.name in where:
            return where[r.name]
    return end
