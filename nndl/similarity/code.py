"""What each student wrote, per graded function: their solution cells without the release's starter code.

A *unit* is one solution cell of the assignment, named by its nbgrader grade id (in this course,
the name of the function it defines).  A student's unit keeps only the statements that are not
starter code (the release cell's signature, provided lines, ``raise NotImplementedError()``).
Known solutions (``--against``: .py files and notebooks, found recursively) are split into units
by their top-level ``def``s, so that a function is compared with the same function where the
names agree.  Symlinks are never followed: a student can put a link to someone else's work in
their folder.
"""
import ast
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from nndl.similarity.fingerprint import statements

MODULE = "<module>"  # the unit of a known file's code outside any function
MAX_BYTES = 20_000_000  # a notebook larger than this is not read (no solution cell needs it)


@dataclass
class Unit:
    source: str  # the whole cell or function, as written
    statements: list  # (first line, last line, normalised statement) the author wrote


@dataclass
class Work:
    name: str  # student id, or a known solution's path relative to --against
    units: dict = field(default_factory=dict)  # unit name -> Unit
    known: bool = False  # a known solution file rather than a student

    def statement_set(self):
        return {s for unit in self.units.values() for _, _, s in unit.statements}


@dataclass
class Assignment:
    """The release's starter statements and the reference solution's statements, per unit."""
    starter: dict  # unit -> set of normalised statements
    reference: dict  # unit -> list of normalised statements (the reference's own part)

    def all_starter(self):
        return set().union(*self.starter.values()) if self.starter else set()


def _solution_cells(path):
    """grade id -> source of each solution cell of the notebook at ``path`` (plain JSON: it may be hostile)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = {}
    for cell in nb.get("cells", []):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("solution") and cell.get("cell_type") == "code" and isinstance(meta.get("grade_id"), str):
            source = cell.get("source", "")
            cells[meta["grade_id"]] = "".join(source) if isinstance(source, list) else str(source)
    return cells


def read_assignment(root, assignment):
    """Starter statements from release/<assignment>/, reference statements from source/<assignment>/."""
    root = Path(root)
    starter, reference = {}, {}
    for path in sorted((root / "release" / assignment).glob("*.ipynb")):
        for grade_id, source in _solution_cells(path).items():
            starter[grade_id] = {s for _, _, s in statements(source)}
    for path in sorted((root / "source" / assignment).glob("*.ipynb")):
        for grade_id, source in _solution_cells(path).items():
            own = starter.get(grade_id, set())
            reference[grade_id] = [s for _, _, s in statements(source) if s not in own]
    if not starter:
        raise FileNotFoundError(f"no release notebook in {root / 'release' / assignment}")
    return Assignment(starter, reference)


def _units_from_cells(cells, assignment):
    units = {}
    for grade_id, source in cells.items():
        own = assignment.starter.get(grade_id)
        if own is None:
            continue  # not a solution cell of this release
        units[grade_id] = Unit(source, [(a, b, s) for a, b, s in statements(source) if s not in own])
    return units


def read_class(root, assignment_name, assignment):
    """(works, skipped): each student's Work, and (student, why) for those left out.

    Reads submitted/<student>/<assignment>/*.ipynb; symlinked folders or notebooks are skipped.
    """
    works, skipped = [], []
    base = Path(root) / "submitted"
    if not base.is_dir():
        return works, skipped
    for student_dir in sorted(base.iterdir()):
        folder = student_dir / assignment_name
        if student_dir.is_symlink() or folder.is_symlink():
            skipped.append((student_dir.name, "a symbolic link (not read)"))
            continue
        if not folder.is_dir():
            continue
        work, why = Work(student_dir.name), None
        for path in sorted(folder.glob("*.ipynb")):
            if path.is_symlink() or not path.is_file():
                why = f"{path.name} is a symbolic link (not read)"
                continue
            if path.stat().st_size > MAX_BYTES:
                why = f"{path.name} is larger than {MAX_BYTES // 1_000_000} MB (not read)"
                continue
            try:
                work.units.update(_units_from_cells(_solution_cells(path), assignment))
            except (ValueError, UnicodeDecodeError, AttributeError, TypeError) as error:
                why = f"{path.name} is not a readable notebook ({type(error).__name__})"
        if not any(u.statements for u in work.units.values()):
            skipped.append((work.name, why or "blank: nothing written beyond the starter code"))
            continue
        works.append(work)
    return works, skipped


def _split_functions(source):
    """unit name -> source, one per top-level def (the rest under MODULE); the whole text when it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {MODULE: source}
    lines = source.splitlines()
    units, used = {}, set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            units[node.name] = "\n".join(lines[first - 1:node.end_lineno])
            used.update(range(first, node.end_lineno + 1))
    rest = "\n".join(line for n, line in enumerate(lines, 1) if n not in used)
    if rest.strip():
        units[MODULE] = rest
    return units


def _file_source(path):
    if path.suffix == ".py":
        return path.read_text(encoding="utf-8", errors="replace")
    nb = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            # IPython magics and shell lines are not Python
            cells.append("\n".join(l for l in source.splitlines() if not l.lstrip().startswith(("%", "!"))))
    return "\n\n".join(cells)


def read_known(folder, assignment):
    """(works, skipped) for every .py and .ipynb file under ``folder`` (recursively, no symlinks)."""
    folder = Path(folder)
    starter = assignment.all_starter()
    works, skipped = [], []
    for top, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(top) / name
            if path.suffix not in (".py", ".ipynb") or path.is_symlink() or path.stat().st_size > MAX_BYTES:
                continue
            label = path.relative_to(folder).as_posix()
            try:
                source = _file_source(path)
            except (ValueError, AttributeError, TypeError) as error:
                skipped.append((label, f"not readable ({type(error).__name__})"))
                continue
            units = {}
            for unit, text in _split_functions(source).items():
                own = assignment.starter.get(unit, starter)
                units[unit] = Unit(text, [(a, b, s) for a, b, s in statements(text) if s not in own])
            if any(u.statements for u in units.values()):
                works.append(Work(label, units, known=True))
    return works, skipped
