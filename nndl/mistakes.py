"""The catalogue of typical student mistakes, read from the course: ``notebooks/mistakes.toml``.

The catalogue is course content, authored beside the notebooks (its header says what each field
means). Grading depends on it: while grading, every catalogued mistake runs as a *mutant reference*
(:mod:`nndl.grading.mutants`), and a student whose result matches a mutant's, and not the
reference's, is told its diagnosis before the generic type/shape/value message. A course folder
without the file grades the same, without naming mistakes. The tests and the demo simulate students
who make these mistakes (:mod:`nndl.simulate`).

``MISTAKES``, ``DIAGNOSES`` and ``MORE`` are the checkout's catalogue in the shapes the tests and the
demo use: assignment -> {grade id: (correct, mistaken)} for THE typical mistake of each graded
function, its diagnosis, and the further named mistakes.
"""
import tomllib
from dataclasses import dataclass
from pathlib import Path

from nndl.course import course_root

CATALOGUE = Path("notebooks") / "mistakes.toml"


@dataclass(frozen=True)
class Mistake:
    grade_id: str  # the solution cell it changes
    old: str
    new: str
    diagnosis: str
    name: str = ""  # short and unique within its assignment (THE mistake of a function is named by its grade id)
    also: tuple = ()  # the other graded functions that lose points with it, because they call this one


def catalogue(assignment, root=None):
    """Every catalogued mistake of ``assignment`` in the course at ``root`` (default: this checkout), as
    :class:`Mistake`, in the catalogue's order."""
    return list(read_catalogue(course_root(root) / CATALOGUE).get(assignment, ()))


_read = {}  # path -> ((modification time, size), catalogue)


def read_catalogue(path):
    """assignment -> tuple of :class:`Mistake`, from the TOML file at ``path`` ({} when there is none)."""
    path = Path(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    if path not in _read or _read[path][0] != stamp:
        with open(path, "rb") as f:
            data = tomllib.load(f)
        _read[path] = (stamp, {assignment: tuple(_mistake(entry) for entry in entries)
                               for assignment, entries in data.items()})
    return _read[path][1]


def _mistake(entry):
    return Mistake(entry["function"], entry["correct"], entry["mistaken"], entry["diagnosis"],
                   name=entry.get("name", entry["function"]), also=tuple(entry.get("also", ())))


def _typical(mistake):
    """THE typical mistake of its function (the catalogue gives it no name of its own)."""
    return mistake.name == mistake.grade_id


def __getattr__(name):
    """MISTAKES, DIAGNOSES and MORE: the checkout's catalogue, as the tests and the demo use it."""
    found = read_catalogue(course_root() / CATALOGUE)
    if name == "MISTAKES":
        return {a: {m.grade_id: (m.old, m.new) for m in ms if _typical(m)} for a, ms in found.items()}
    if name == "DIAGNOSES":
        return {a: {m.grade_id: m.diagnosis for m in ms if _typical(m)} for a, ms in found.items()}
    if name == "MORE":
        return {a: [m for m in ms if not _typical(m)] for a, ms in found.items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
