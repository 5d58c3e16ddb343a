"""The course folder: where things live, and nbgrader's API configured for it."""
import os
import re
import sys
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

REPO_ROOT = Path(__file__).resolve().parent.parent


def course_root(root=None):
    """The course root: ``root``, else $NNDL_COURSE_ROOT, else this checkout."""
    return Path(root or os.environ.get("NNDL_COURSE_ROOT") or REPO_ROOT).resolve()


class NoCourse(Exception):
    """No course folder where the user pointed (or where they stand)."""


COURSE_MARKER = "grader_config.py"  # what makes a folder a course root (with nbgrader_config.py beside it)


def find_course_root(given=None, start=None):
    """The course the user means: ``given`` (--root), else $NNDL_COURSE_ROOT, else the first folder holding
    ``grader_config.py`` from ``start`` (the current folder) upwards, as git finds its repository.

    Raises :class:`NoCourse` with a sentence saying what is wrong and what to do."""
    given = given or os.environ.get("NNDL_COURSE_ROOT")
    if given:
        root = Path(given).resolve()
        if not root.is_dir():
            raise NoCourse(f"{root} does not exist or is not a folder; give --root the course folder")
        if not (root / COURSE_MARKER).is_file():
            raise NoCourse(f"{root} is not a course folder (it has no {COURSE_MARKER})")
        return root
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / COURSE_MARKER).is_file():
            return folder
    raise NoCourse(f"no course here: neither {here} nor a folder above it holds {COURSE_MARKER}; run nndl inside "
                   "a course folder (this checkout, or demo/ after `make demo`) or give --root FOLDER")


def load_config(root=None):
    """The nbgrader configuration exactly as ``nbgrader`` run at the course root reads it."""
    root = course_root(root)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    config.CourseDirectory.root = str(root)
    if "db_url" not in config.CourseDirectory:
        config.CourseDirectory.db_url = "sqlite:///" + str(root / "gradebook.db")
    return config


def gradebook_url(root=None):
    """The gradebook's database URL (``db_url`` of grader_config.py: SQLite by default, or PostgreSQL)."""
    return load_config(root).CourseDirectory.db_url


def alembic_on_path():
    """nbgrader runs `alembic` (its database migrations) as a program when it creates a gradebook: make
    sure the one installed next to this Python is found even when the venv is not activated."""
    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def nbgrader_api(root=None):
    """nbgrader's own Python API, configured for the course at ``root``."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    alembic_on_path()
    config = load_config(root)
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def assignments(root=None):
    """Assignment names, one per authored notebook, in course order.

    That is name order (names start with the week), except that a notebook
    comes after the one its header names with ``after: <assignment>`` or
    ``ship_solutions: {from: <assignment>}``.
    """
    folder = course_root(root) / "notebooks"
    names = sorted(p.stem for p in folder.glob("*.py"))
    after = {name: _builds_on(folder / f"{name}.py") for name in names}
    ordered = []

    def place(name, seen=()):
        if name in ordered or name not in after:
            return
        if name in seen:
            raise ValueError(f"notebooks build on each other in a circle: {seen}")
        place(after[name], (*seen, name))
        ordered.append(name)

    for name in names:
        place(name)
    return ordered


def known_assignments(root=None):
    """Every assignment the course has: the authored ones in course order, then any other real folder of
    ``source/`` (a link there is not followed)."""
    root = course_root(root)
    source = root / "source"
    others = sorted(p.name for p in source.glob("*/") if not p.is_symlink()) if source.is_dir() else []
    return list(dict.fromkeys(assignments(root) + others))


def _builds_on(path):
    """The assignment this authored notebook comes after, read from its header, or None."""
    header = path.read_text().split("\n# ---", 1)[0]
    match = (re.search(r"ship_solutions:\s*\{[^}]*from:\s*([\w-]+)", header)
             or re.search(r"^#\s+after:\s*([\w-]+)", header, re.MULTILINE))
    return match.group(1) if match else None


def find_data_dir(root):
    """The course's data files: $NNDL_DATA_DIR if set, else the course root's ``data/`` if it holds any
    (its README.md, committed, does not count)."""
    if os.environ.get("NNDL_DATA_DIR"):
        return os.environ["NNDL_DATA_DIR"]
    candidate = Path(root).resolve() / "data"
    if candidate.is_dir() and any(p.name != "README.md" for p in candidate.iterdir()):
        return str(candidate)
    return None
