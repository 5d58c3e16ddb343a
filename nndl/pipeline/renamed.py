"""Recognise a notebook handed in under another file name (``w2_numpy_basics-Copy1.ipynb``,
``w2_numpy_basics (1).ipynb``, ``Untitled.ipynb``).

Students rename notebooks by accident (JupyterLab's "Duplicate", a browser's download of a second
copy); scoring such work 0 as "not submitted" punishes a file name, not the work.  A notebook is
recognised by what the release put in it and a student does not write: the grade ids of its
nbgrader cells, the text of its locked cells, and the names of the functions its solution cells
ask for.  The closest candidate is graded in its place when it has at least half of these; two
close candidates are both possible, so the one graded is flagged for a person to review.
"""
import json
import re
from dataclasses import dataclass

MIN_MATCH = 0.5  # share of the release's marks a file must carry to be taken for that notebook
DEF = re.compile(r"^def\s+(\w+)\s*\(", re.MULTILINE)


@dataclass(frozen=True)
class Match:
    name: str  # the file name the student used
    share: float  # of the release's marks found in it, 0..1


def release_marks(release_notebook):
    """What identifies the release notebook (parsed JSON): grade ids, locked cells' text, function names asked for."""
    marks = set()
    for cell in release_notebook.get("cells", []):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = _text(cell.get("source", ""))
        if meta.get("grade_id"):
            marks.add(("id", meta["grade_id"]))
        if meta.get("locked") and source.strip():
            marks.add(("text", source.strip()))
        if meta.get("solution"):
            marks |= {("def", name) for name in DEF.findall(source)}
    return marks


def candidate_marks(notebook):
    """The same marks as found in a submitted notebook (parsed JSON; metadata may have been lost)."""
    marks = set()
    for cell in notebook.get("cells", []) if isinstance(notebook.get("cells"), list) else []:
        if not isinstance(cell, dict):
            continue
        meta = cell.get("metadata", {})
        meta = meta.get("nbgrader", {}) if isinstance(meta, dict) else {}
        source = _text(cell.get("source", ""))
        if isinstance(meta, dict) and isinstance(meta.get("grade_id"), str):
            marks.add(("id", meta["grade_id"]))
        marks.add(("text", source.strip()))
        marks |= {("def", name) for name in DEF.findall(source)}
    return marks


def best_matches(release_notebook, candidates):
    """``candidates`` (file name -> parsed JSON) that carry at least :data:`MIN_MATCH` of the release's
    marks, best first (ties: by name)."""
    wanted = release_marks(release_notebook)
    if not wanted:
        return []
    found = [Match(name, len(wanted & candidate_marks(nb)) / len(wanted)) for name, nb in candidates.items()]
    return sorted((m for m in found if m.share >= MIN_MATCH), key=lambda m: (-m.share, m.name))


def _text(source):
    """A cell's source as one string; whatever a hand-edited file holds instead counts as empty."""
    if isinstance(source, list):
        return "".join(part for part in source if isinstance(part, str))
    return source if isinstance(source, str) else ""


def parse(data):
    """Parsed JSON of bytes already checked by :func:`nndl.pipeline.inspect_submission.read_problem`."""
    return json.loads(data.decode("utf-8"))
